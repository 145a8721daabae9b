extension Pool {
    /// Whether `field` (a XenAPI name) was shown, so nil means "unset" rather than "not read".
    /// Records from XAPI carry every field (`shown` is nil).
    public func wasShown(_ field: String) -> Bool { shown?.contains(field) ?? true }
}
