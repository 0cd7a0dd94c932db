extension RunReport {
    /// The same report with only the rows whose status is in `statuses` (all rows when nil).
    ///
    /// The run's counts and its attempts are kept whole: they describe the run, and a filtered
    /// export that changed them would contradict `guestlist runs`.
    public func filtered(to statuses: Set<RowStatus>?) -> RunReport {
        guard let statuses else { return self }
        var copy = self
        copy.rows = rows.filter { statuses.contains($0.status) }
        return copy
    }
}
