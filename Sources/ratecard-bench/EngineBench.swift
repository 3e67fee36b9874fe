import Foundation

/// Engine figures (recommend latency, per-evaluation cost, genai-prices ratio).
struct EngineBench {
  let runner: Runner
  let db: String

  func run() throws {
    report("engine", "pending", "", "(the cost engine lands in its own change)")
  }
}
