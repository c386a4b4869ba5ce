/// The version every executable of this system reports with `--version`.
public enum GrievanceVersion {
    public static let current = "0.1.0"
}
