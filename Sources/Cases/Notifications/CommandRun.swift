import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of a notification command: started without a shell, its standard input the message
/// (written whole into a pipe before the command starts, so a command that never reads it cannot
/// block us, and one that exits early cannot kill us with SIGPIPE), its output discarded, in a
/// process group of its own so that a command that overstays its time is stopped with everything
/// it started. A thread of its own waits, so a hanging command holds up no task.
enum CommandRun {
    /// What a run came to.
    enum Ending: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case cannotStart(String)
    }

    /// The file descriptors the command inherits: its standard input, output and error alone.
    private static let firstOwnDescriptor: Int32 = 3

    static func run(_ arguments: [String], environment: [String: String], input: [UInt8], timeout: Duration) async -> Ending {
        guard let path = arguments.first else { return .cannotStart("no command") }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .cannotStart(String(cString: strerror(errno))) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        // Close-on-exec, so that another program started meanwhile does not hold our pipe open;
        // the command's own copy, made its standard input, loses the flag. (Swift does not import
        // pipe2, which would set it at once.)
        for descriptor in [readEnd, writeEnd] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        defer { close(readEnd) }
        let problem = fill(writeEnd, with: input)
        close(writeEnd)
        if let problem { return .cannotStart(problem) }
        let started: Result<pid_t, Failure> = spawn(path: path, arguments: arguments, environment: environment, input: readEnd)
        guard case .success(let pid) = started else {
            if case .failure(let failure) = started { return .cannotStart(failure.reason) }
            return .cannotStart("unknown")
        }
        return await wait(for: pid, timeout: timeout)
    }

    private struct Failure: Error {
        let reason: String
    }

    /// Writes the whole message into the pipe without blocking; a reason if it does not fit.
    private static func fill(_ descriptor: Int32, with input: [UInt8]) -> String? {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        // Linux pipes hold 64 KiB unless the user's pipes are over their soft limit; ask for that much.
        #if os(Linux)
        _ = fcntl(descriptor, 1031 /* F_SETPIPE_SZ */, 65_536)
        #endif
        var offset = 0
        while offset < input.count {
            let count = input.withUnsafeBytes { SystemCalls.write(descriptor, $0.baseAddress! + offset, input.count - offset) }
            guard count > 0 else { return errno == EAGAIN ? "the message (\(input.count) bytes) does not fit the pipe" : String(cString: strerror(errno)) }
            offset += count
        }
        return nil
    }

    private static func spawn(path: String, arguments: [String], environment: [String: String], input: Int32) -> Result<pid_t, Failure> {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        closeInherited(&actions)
        // A group of its own, to stop it whole; every signal back to its default and none blocked,
        // whatever the server set for itself (SIGPIPE ignored, SIGTERM handled).
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { return .failure(Failure(reason: String(cString: strerror(result)))) }
        return .success(pid)
    }

    /// Closes every descriptor above standard error in the child: the database, the server's
    /// sockets, anything opened without close-on-exec. glibc has a call for it (2.34 and
    /// later), which Swift does not import; without it, each descriptor open now is named.
    #if canImport(Glibc)
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
        // A nil handle is RTLD_DEFAULT: the symbol wherever the process has it.
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            let addCloseFrom = unsafeBitCast(symbol, to: AddCloseFrom.self)
            if addCloseFrom(&actions, firstOwnDescriptor) == 0 { return }
        }
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for descriptor in open where descriptor >= firstOwnDescriptor { posix_spawn_file_actions_addclose(&actions, descriptor) }
    }
    #else
    private static func closeInherited(_ actions: inout posix_spawn_file_actions_t?) {}
    #endif

    /// Waits for the command for at most `timeout`, then stops its whole group — asked first,
    /// then killed — and reaps it. The waiting is a thread's of its own, not the task's: the
    /// command is stopped on time however busy the process's other tasks keep its threads.
    private static func wait(for pid: pid_t, timeout: Duration) async -> Ending {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: waitBlocking(for: pid, timeout: timeout)) }
        }
    }

    private static func waitBlocking(for pid: pid_t, timeout: Duration) -> Ending {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        // Quick commands are seen ending at once; a slow one is looked at every 50 ms.
        var pause = 0.002
        while clock.now < deadline {
            if let ending = reaped(pid) { return ending }
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 0.05)
        }
        if let ending = reaped(pid) { return ending }
        kill(-pid, SIGTERM)
        let grace = clock.now.advanced(by: .seconds(1))
        while clock.now < grace {
            if reaped(pid) != nil { return .timedOut }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return .timedOut
    }

    /// How the command ended, if it has; nil while it runs.
    private static func reaped(_ pid: pid_t) -> Ending? {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, WNOHANG) } while result < 0 && errno == EINTR
        guard result == pid else { return result < 0 ? .exited(-1) : nil }
        // WIFEXITED and friends are macros Swift does not import.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
