import Foundation

/// Writes `count` varied workload profiles (YAML documents separated by `---`), deterministic:
/// volumes, token mixes, cache/batch/long-context shares, residency, needs, parity and discounts
/// cycle through the forms docs/profiles.md describes, so the batch exercises every engine path.
enum ProfileGenerator {
  static func write(count: Int, to path: String) throws {
    var out = ""
    out.reserveCapacity(count * 400)
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }
    func pick<T>(_ xs: [T]) -> T { xs[next(xs.count)] }
    for i in 0..<count {
      if i > 0 { out += "---\n" }
      out += "name: profile-\(i)\n"
      if next(4) == 0 {
        out += "requests_per_day: \(pick([500, 4000, 40000, 120000]))\n"
      } else {
        out += "requests_per_month: \(pick([1000, 50000, 250000, 3000000, 12500000]))\n"
      }
      out += "input_tokens: \(pick([200, 800, 1200, 3000, 8000, 45000]))\n"
      out += "output_tokens: \(pick([50, 350, 600, 1000, 2000]))\n"
      out += "cached_input_share: \(pick(["0", "0.3", "0.6"]))\n"
      out += "cache_write_share: \(pick(["0", "0", "0.05"]))\n"
      out += "batch_share: \(pick(["0", "0", "0.25", "1.0"]))\n"
      out += "long_context_share: \(pick(["0", "0", "0.1"]))\n"
      switch i == 0 ? 1 : next(6) {
      case 0: break
      case 1:
        out += "where:\n  providers: [aws, azure]\n  geographies: [eu]\n  scopes: [regional, datazone, geo]\n"
      case 2: out += "where:\n  geographies: [us]\n"
      case 3: out += "where:\n  providers: [aws]\n"
      case 4: out += "where:\n  regions: [eu-central-1, swedencentral, us-east-1]\n"
      default: out += "where:\n  providers: [azure]\n  scopes: [global, datazone]\n"
      }
      switch i == 0 ? 0 : next(3) {
      case 0: out += "needs:\n  capabilities: [tool_calling, structured_output]\n  min_context: 128000\n"
      case 1: out += "needs:\n  min_context: \(pick([8000, 32000, 200000]))\n"
      default: break
      }
      switch i == 0 ? 0 : next(4) {
      case 0:
        out += "parity:\n  baseline: gpt-4o-2024-11-20\n"
        out += "  benchmark: \"Artificial Analysis Coding Index [metric=index]\"\n  tolerance: 0.02\n"
      case 1: out += "parity:\n  models: [gpt-oss-120b, llama-3.3-70b-instruct, amazon.nova-pro-v1:0]\n"
      default: break
      }
      if i == 0 || next(3) == 0 { out += "discounts: {aws: 0.05, azure: 0.10}\n" }
      if i == 0 {
        out += "growth_per_month: 0.08\npeak_tokens_per_minute: 400000\n"
        out += "current: {provider: azure, model: gpt-4o-2024-11-20, region: swedencentral, scope: datazone}\n"
      }
    }
    try Data(out.utf8).write(to: URL(fileURLWithPath: path))
  }
}
