/// The procedure's pace over a period: days to acknowledge (cases received in the period and
/// acknowledged by its end) and to close (cases closed in it); the share acknowledged within the
/// procedure's deadline for the first stage (7 days; 24 hours for safeguarding) and the share
/// given feedback within the feedback rule (3 months of acknowledgement), each over the cases
/// received in the period whose deadline had come by its end.
public struct TimingFigures: Sendable, Hashable, Codable {
    public var acknowledge: TimingFigure
    public var close: TimingFigure
    public var acknowledgedOnTime: DeadlineShare
    public var feedbackOnTime: DeadlineShare?

    enum CodingKeys: String, CodingKey {
        case acknowledge = "days_to_acknowledge"
        case close = "days_to_close"
        case acknowledgedOnTime = "acknowledged_on_time"
        case feedbackOnTime = "feedback_on_time"
    }
}
