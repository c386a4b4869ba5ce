import Foundation

/// The entry of a fuzz harness (`scripts/fuzz`): `EXECUTABLE TARGET [libFuzzer's options and
/// corpus folders]` in a build for fuzzing — defining GRIEVANCE_FUZZ, instrumented with
/// `-sanitize=fuzzer` and linked by lld, which lets SwiftPM's entry point stand in for libFuzzer's
/// `main` — and `EXECUTABLE TARGET FILE...` in any other build, which runs each file through the
/// target once, as the fuzzer would: how a finding is replayed, and how the ordinary build keeps
/// the harness compiling.
///
/// A target takes the input's bytes and returns normally for any input it refuses as it should;
/// a crash, a failed precondition or a hang is a finding.
public enum FuzzDriver {
    public typealias Target = @Sendable (UnsafeRawBufferPointer) -> Void

    /// libFuzzer calls back through a C function pointer, which can carry no context.
    nonisolated(unsafe) private static var selected: Target?

    public static func main(_ targets: [String: Target]) -> Never {
        let arguments = CommandLine.arguments
        let executable = URL(fileURLWithPath: arguments[0]).lastPathComponent
        guard arguments.count >= 2, let target = targets[arguments[1]] else {
            FileHandle.standardError.write(Data("""
                usage: \(executable) TARGET [libFuzzer options | FILE...]
                targets: \(targets.keys.sorted().joined(separator: ", "))

                """.utf8))
            exit(2)
        }
        selected = target
        #if GRIEVANCE_FUZZ
        exit(runLibFuzzer(arguments: [arguments[0]] + arguments.dropFirst(2)))
        #else
        var ran = 0
        for path in arguments.dropFirst(2) {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(executable): cannot read \(path)\n".utf8))
                exit(1)
            }
            data.withUnsafeBytes { target($0) }
            ran += 1
        }
        print("\(executable) \(arguments[1]): \(ran) inputs ran, none failed")
        exit(0)
        #endif
    }

    #if GRIEVANCE_FUZZ
    private static func runLibFuzzer(arguments: [String]) -> Int32 {
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var count = Int32(arguments.count)
        return pointers.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress!
            return LLVMFuzzerRunDriver(&count, &argv) { data, size in
                FuzzDriver.selected!(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            }
        }
    }
    #endif
}

#if GRIEVANCE_FUZZ
/// libFuzzer's driver, for a program that has a `main` of its own.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
