private let quote = UInt8(ascii: "\"")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")
private let ones: UInt64 = 0x0101_0101_0101_0101
private let lfWord = UInt64(lf) &* ones
private let crWord = UInt64(cr) &* ones

/// A word with the high bit set in each byte of `v` that is zero. Only the lowest set bit is
/// exact (borrows can mark bytes above it), which is all the scanner uses.
@inline(__always)
private func zeroBytes(_ v: UInt64) -> UInt64 {
    (v &- ones) & ~v & 0x8080_8080_8080_8080
}

extension CSVScanner {
    /// Scans one record starting at `start`, filling `fields`, `problem`, `isBlank` and `highBits`.
    ///
    /// Returns `.needMore` when the record may continue past the buffered bytes; the caller refills
    /// and calls again from the same start. `forceEnd` treats the buffer's end as the file's end,
    /// which is how an oversized record is cut off.
    ///
    /// Line breaks are CR, LF or CRLF, each counted once, in quoted fields too, so `line` stays the
    /// physical line a spreadsheet user sees. A quote that is not at the start of a field is literal.
    func scan(forceEnd: Bool) -> Outcome {
        let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let end = self.end
        let eof = self.eof || forceEnd
        let delimiter = self.delimiter
        let delimiterWord = UInt64(delimiter) &* ones
        var i = start
        var breaks = 0
        var high: UInt8 = 0
        var blank = true
        var dropped = 0
        let maxFields = self.maxFields
        // Work on a local array: appending to the stored property would pay for a dynamic
        // exclusivity check on every field.
        var fields = self.fields
        self.fields = []
        fields.removeAll(keepingCapacity: true)
        problem = nil
        defer {
            highBits = high
            self.fields = fields
            droppedFields = dropped
        }

        while true {
            if i < end && p[i] == quote {
                let openLine = line + breaks
                i += 1
                let fieldStart = i
                var escaped = false
                while true {
                    while i < end {
                        let b = p[i]
                        if b == quote { break }
                        if b == lf {
                            breaks += 1
                        } else if b == cr {
                            if i + 1 < end {
                                if p[i + 1] != lf { breaks += 1 }
                            } else if !eof {
                                return .needMore
                            } else {
                                breaks += 1
                            }
                        }
                        high |= b
                        i += 1
                    }
                    if i >= end {
                        if !eof { return .needMore }
                        return unterminated(openLine: openLine, fieldStart: fieldStart, end: end, fields: &fields)
                    }
                    if i + 1 < end {
                        if p[i + 1] == quote {
                            escaped = true
                            i += 2
                            continue
                        }
                    } else if !eof {
                        return .needMore
                    }
                    break
                }
                if fields.count < maxFields {
                    fields.append(Field(start: fieldStart, end: i, escaped: escaped))
                } else {
                    dropped += 1
                }
                blank = false
                i += 1
                if i < end, p[i] != delimiter, p[i] != lf, p[i] != cr {
                    if problem == nil { problem = .textAfterClosingQuote(line: line + breaks, field: fields.count) }
                    while i < end, p[i] != delimiter, p[i] != lf, p[i] != cr {
                        high |= p[i]
                        i += 1
                    }
                    if i >= end && !eof { return .needMore }
                }
            } else {
                let fieldStart = i
                // Eight bytes at a time until one of them is a delimiter or a line break.
                var wide: UInt64 = 0
                while i + 8 <= end {
                    let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    let hits = zeroBytes(word ^ delimiterWord) | zeroBytes(word ^ lfWord) | zeroBytes(word ^ crWord)
                    if hits != 0 {
                        let before = hits.trailingZeroBitCount >> 3
                        wide |= before == 0 ? 0 : word & (~UInt64(0) >> (64 - 8 * before))
                        i += before
                        break
                    }
                    wide |= word
                    i += 8
                }
                if wide & 0x8080_8080_8080_8080 != 0 { high |= 0x80 }
                while i < end {
                    let b = p[i]
                    if b == delimiter || b == lf || b == cr { break }
                    high |= b
                    i += 1
                }
                if i >= end && !eof { return .needMore }
                if fields.count < maxFields {
                    fields.append(Field(start: fieldStart, end: i, escaped: false))
                } else {
                    dropped += 1
                }
                if i > fieldStart { blank = false }
            }
            isBlank = blank
            if i >= end { return .record(next: i, breaks: breaks) }
            let b = p[i]
            if b == delimiter {
                i += 1
                continue
            }
            if b == cr {
                if i + 1 < end {
                    i += p[i + 1] == lf ? 2 : 1
                } else if !eof {
                    return .needMore
                } else {
                    i += 1
                }
            } else {
                i += 1
            }
            return .record(next: i, breaks: breaks + 1)
        }
    }

    /// A quote that never closes: the record is kept as far as the end of the line the quote opened
    /// on, and reading resumes on the next line, so one stray quote costs one record, not the file.
    private func unterminated(openLine: Int, fieldStart: Int, end: Int, fields: inout [Field]) -> Outcome {
        let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var i = fieldStart
        while i < end, p[i] != lf, p[i] != cr { i += 1 }
        fields.append(Field(start: fieldStart, end: i, escaped: false))
        isBlank = false
        problem = .unterminatedQuote(openedOnLine: openLine)
        var breaks = openLine - line
        if i < end {
            i += (p[i] == cr && i + 1 < end && p[i + 1] == lf) ? 2 : 1
            breaks += 1
        }
        return .record(next: i, breaks: breaks)
    }
}
