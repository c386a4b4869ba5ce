/// What a store keeps beside an entry to find it by case: the verifier checks that it agrees
/// with the entry, so an altered index is caught rather than trusted.
public enum StoredCaseIndex {
    /// The source keeps no index (an export).
    case notKept
    /// The index holds these bytes, or NULL.
    case kept(UnsafeRawBufferPointer?)
}
