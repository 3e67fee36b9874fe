import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process's wall time, kernel time and peak resident memory.
struct Measurement {
  var seconds: Double
  var maxRSSBytes: Int
  /// Time the child spent in the kernel (`ru_stime`): page faults and I/O.
  var systemSeconds: Double = 0
  /// Time the child spent in user code (`ru_utime`), on every thread.
  var userSeconds: Double = 0
  /// User and kernel time: the CPU the command took, less moved by other load than wall time.
  var cpuSeconds: Double { userSeconds + systemSeconds }
  var status: Int32
  var stdout: String
}

/// Runs a command with posix_spawn and wait4, so each child's own peak RSS is known.
func spawn(
  _ argv: [String], stdoutTo path: String = "/dev/null", stderrTo errPath: String = "/dev/null",
  environment extra: [String] = []
) -> Measurement {
  var pid: pid_t = 0
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let cargs = argv.map { strdup($0) } + [nil]
  var env: [UnsafeMutablePointer<CChar>?] = []
  var e = environ
  while let p = e.pointee {
    env.append(strdup(p))
    e += 1
  }
  env += extra.map { strdup($0) }
  env.append(nil)
  defer {
    cargs.forEach { free($0) }
    env.forEach { free($0) }
  }
  let start = DispatchTime.now()
  let rc = posix_spawnp(&pid, argv[0], &actions, nil, cargs, env)
  posix_spawn_file_actions_destroy(&actions)
  guard rc == 0 else { return Measurement(seconds: 0, maxRSSBytes: 0, status: -1, stdout: "") }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  let out = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  return Measurement(
    seconds: seconds, maxRSSBytes: Int(usage.ru_maxrss) * 1024,
    systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
    userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
    status: (status >> 8) & 0xff, stdout: path == "/dev/null" ? "" : out)
}

/// Median of `runs` measurements of the same command (setup runs before each).
func median(_ runs: Int, setup: () -> Void = {}, _ body: () -> Measurement) -> Measurement {
  var all: [Measurement] = []
  for _ in 0..<max(1, runs) {
    setup()
    all.append(body())
  }
  let sorted = all.sorted { $0.seconds < $1.seconds }
  var m = sorted[sorted.count / 2]
  m.maxRSSBytes = all.map(\.maxRSSBytes).max() ?? 0
  return m
}
