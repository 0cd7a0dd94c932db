#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns the file descriptor, so every copy of a reader shares it and the last one closes it.
final class FileHandleBox {
    let fd: Int32

    init(path: String) throws(GuestListError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw GuestListError(
                .source, "cannot open the source file \(path): \(reason)", location: SourceLocation(file: path))
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw GuestListError(.source, "the source \(path) is a folder, not a file", location: SourceLocation(file: path))
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
