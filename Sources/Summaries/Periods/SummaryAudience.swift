/// Who a summary is for, which decides its tables: the Executive Committee's quarterly picture,
/// the officers' digest of what is overdue, the Gender Committee's view by self-declared gender.
public enum SummaryAudience: String, Sendable, Hashable, Codable, CaseIterable {
    case executive
    case officers
    case gender
}
