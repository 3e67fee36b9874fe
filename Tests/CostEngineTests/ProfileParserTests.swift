@testable import CostEngine
import Foundation
import Pricing
import Testing
import Yams

@Suite("Profile YAML")
struct ProfileParserTests {
  func error(_ yaml: String) -> ProfileError? {
    do {
      _ = try ProfileParser().parse(yaml, file: "p.yaml")
      return nil
    } catch let e as ProfileError {
      return e
    } catch {
      return nil
    }
  }

  @Test("unknown key: file, line and column of the key")
  func unknownKey() throws {
    let e = try #require(error("""
      name: a
      requests_per_month: 10
      input_tokens: 1
      output_tokens: 1
      where:
        geografies: [eu]
      """))
    #expect(e.mark == SourceMark(file: "p.yaml", line: 6, column: 3))
    #expect(e.message.contains("unknown key 'geografies'"))
    #expect(e.localizedDescription.hasPrefix("p.yaml:6:3: "))
  }

  @Test("kind, home and preferred regions, group_variants: read with defaults; a bad kind is an error at its value")
  func issue15Fields() throws {
    let plain = try #require(try ProfileParser().parse("name: a\nrequests_per_month: 1\ninput_tokens: 1\noutput_tokens: 1\n", file: "p.yaml").first)
    #expect(plain.kind == "chat" && plain.preferredRegions.isEmpty && !plain.groupBenchmarkVariants)
    let p = try #require(try ProfileParser().parse("""
      name: a
      kind: Audio
      requests_per_month: 1
      input_tokens: 1
      output_tokens: 1
      where:
        preferred_regions: [WestEurope, eastus2]
        home_region: swedencentral
      parity:
        min_scores: {"LMArena text Elo (style control)": 1200}
        group_variants: true
      """, file: "p.yaml").first)
    #expect(p.kind == "audio")
    #expect(p.preferredRegions == ["swedencentral", "westeurope", "eastus2"])
    #expect(p.groupBenchmarkVariants)
    let bad = try #require(error("name: a\nkind: speech\nrequests_per_month: 1\ninput_tokens: 1\noutput_tokens: 1\n"))
    #expect(bad.mark == SourceMark(file: "p.yaml", line: 2, column: 7))
    #expect(bad.message.contains("unknown kind 'speech'"))
    let flag = try #require(error("name: a\nrequests_per_month: 1\ninput_tokens: 1\noutput_tokens: 1\nparity: {models: [x], group_variants: yes}\n"))
    #expect(flag.message.contains("group_variants: expected true or false"))
  }

  @Test("a share above 1, a negative volume, a wrong type: errors at the value")
  func impossibleValues() throws {
    let share = try #require(error("name: a\nrequests_per_month: 10\ninput_tokens: 1\noutput_tokens: 1\nbatch_share: 1.5\n"))
    #expect(share.mark.line == 5 && share.mark.column == 14)
    #expect(share.message.contains("between 0 and 1"))
    let negative = try #require(error("name: a\nrequests_per_month: -3\ninput_tokens: 1\noutput_tokens: 1\n"))
    #expect(negative.mark.line == 2 && negative.mark.column == 21)
    #expect(negative.message.contains("must not be negative"))
    let type = try #require(error("name: a\nrequests_per_month: lots\ninput_tokens: 1\noutput_tokens: 1\n"))
    #expect(type.mark.line == 2)
    #expect(type.message.contains("expected a number"))
    let quoted = try #require(error("name: a\nrequests_per_month: \"10\"\ninput_tokens: 1\noutput_tokens: 1\n"))
    #expect(quoted.message.contains("expected a number"))
    let list = try #require(error("name: a\nrequests_per_month: 10\ninput_tokens: 1\noutput_tokens: 1\nwhere: {providers: aws}\n"))
    #expect(list.message.contains("expected a list"))
    let provider = try #require(error("name: a\nrequests_per_month: 10\ninput_tokens: 1\noutput_tokens: 1\nwhere: {providers: [gcp]}\n"))
    #expect(provider.message.contains("unknown value 'gcp'"))
    #expect(provider.mark.column == 21)
    let cache = try #require(error("name: a\nrequests_per_month: 10\ninput_tokens: 1\noutput_tokens: 1\ncached_input_share: 0.7\ncache_write_share: 0.4\n"))
    #expect(cache.message.contains("must not exceed 1"))
    let missing = try #require(error("name: a\ninput_tokens: 1\noutput_tokens: 1\n"))
    #expect(missing.message.contains("requests_per_month"))
    let yaml = try #require(error("name: a\n  bad: [\n"))
    #expect(yaml.message.hasPrefix("YAML:"))
  }

  @Test("several profiles per file: documents and a top-level list; defaults for omitted fields")
  func manyAndDefaults() throws {
    let docs = try ProfileParser().parse("""
      name: one
      requests_per_month: 1
      input_tokens: 1
      output_tokens: 1
      ---
      - name: two
        requests_per_month: 2
        input_tokens: 1
        output_tokens: 1
        where: {geographies: [EU]}
      - name: three
        requests_per_month: 3_000
        input_tokens: 1
        output_tokens: 1
        where: {geographies: [eu], scopes: [global]}
      """, file: "m.yaml")
    #expect(docs.map(\.name) == ["one", "two", "three"])
    let one = docs[0]
    #expect(one.currency == "USD" && one.batchShare == 0 && one.cachedInputShare == 0 && one.growthPerMonth == 0)
    #expect(one.placement.scopes == Set(Scope.allCases) && one.placement.providers == nil && !one.placement.government)
    #expect(one.origin == SourceMark(file: "m.yaml", line: 1, column: 1))
    // geographies given, scopes omitted: residency default leaves out global
    #expect(docs[1].placement.scopes == [.regional, .geo, .datazone])
    #expect(docs[1].placement.geographies == ["eu"])
    #expect(docs[2].placement.scopes == [.global])
    #expect(docs[2].requestsPerMonth == 3000)
    #expect(docs[1].origin?.line == 6)
  }

  @Test("duplicate names and repeated keys are errors")
  func duplicates() throws {
    let dup = try #require(error("- {name: a, requests_per_month: 1, input_tokens: 1, output_tokens: 1}\n- {name: a, requests_per_month: 1, input_tokens: 1, output_tokens: 1}\n"))
    #expect(dup.message.contains("already used"))
    #expect(dup.mark.line == 2)
  }

  @Test(
    "an anchor/alias bomb is refused at the alias that passes the budget, as a value or as a mapping key",
    .timeLimit(.minutes(1)),  // expanded, either would hang here
    arguments: ["name: *a9\n", "? *a9\n: x\nname: bot\n"])
  func aliasBomb(_ tail: String) throws {
    var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 {
      yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    yaml += tail
    let e = try #require(error(yaml))
    #expect(e.message.contains("too large"))
    // The mark is an alias of the bomb, on the line of the first anchor that passes the budget.
    let line = yaml.split(separator: "\n", omittingEmptySubsequences: false)[e.mark.line - 1]
    #expect(Array(line)[e.mark.column - 1] == "*", "\(e.mark): \(line)")
    #expect((4...5).contains(e.mark.line))
  }

  @Test("an alias within the budget reads as its anchor's value; a '*' inside quoted text is text")
  func aliasWithinBudget() throws {
    let p = try parseOne("""
      name: "a*b"
      requests_per_month: &n 1000
      input_tokens: *n
      output_tokens: 20
      """)
    #expect(p.name == "a*b")
    #expect(p.inputTokens == 1000)
  }

  @Test("parity forms: baseline, min_scores, models; catalogue references checked with line and column")
  func parityForms() throws {
    let p = try parseOne("""
      name: a
      requests_per_month: 1
      input_tokens: 1
      output_tokens: 1
      parity:
        min_scores: {"MMLU [self-reported; 5-shot]": 80}
      """)
    #expect(p.parity == .minScores(["MMLU [self-reported; 5-shot]": 80]))
    let both = try #require(error("name: a\nrequests_per_month: 1\ninput_tokens: 1\noutput_tokens: 1\nparity: {models: [x], min_scores: {a: 1}}\n"))
    #expect(both.message.contains("exactly one"))
    let unknown = try parseOne("""
      name: a
      requests_per_month: 1
      input_tokens: 1
      output_tokens: 1
      parity:
        baseline: no-such-model
        benchmark: MMLU
      """)
    do {
      _ = try engine().recommend(unknown)
      Issue.record("expected an error")
    } catch let e as ProfileError {
      #expect(e.mark == SourceMark(file: "test.yaml", line: 6, column: 13))
      #expect(e.message.contains("unknown model 'no-such-model'"))
    }
  }
}

@Suite("Profile YAML composed in pieces")
struct ParallelComposeTests {
  /// `count` profiles, documents separated by `---`, one with a nested mapping and a flow list.
  func file(_ count: Int, bad: Int? = nil) -> String {
    (0..<count).map { i in
      """
      # profile \(i)
      name: p\(i)
      requests_per_month: \(i == bad ? "-3" : String(1000 + i))
      input_tokens: \(100 + i % 7)
      output_tokens: 50
      where:
        geographies: [\(i % 2 == 0 ? "eu" : "us")]
      needs: {capabilities: [tool_calling]}
      """
    }.joined(separator: "\n---\n") + "\n"
  }

  func parse(_ text: String, parallel: Bool) throws -> [Profile] {
    var parser = ProfileParser()
    parser.parallelCompose = parallel
    return try parser.parse(text, file: "many.yaml")
  }

  @Test("the same profiles, marks included, as one pass")
  func sameProfiles() throws {
    let text = file(300)
    let pieces = try #require(ProfileParser.composeInParallel(text))
    #expect(pieces.count == 300)
    let a = try parse(text, parallel: true)
    let b = try parse(text, parallel: false)
    #expect(a.count == 300)
    #expect(a == b)
    #expect(a[299].origin == SourceMark(file: "many.yaml", line: 299 * 9 + 2, column: 1))
  }

  @Test("an error late in the file has the line and column of one pass")
  func sameError() throws {
    let text = file(300, bad: 250)
    func caught(_ parallel: Bool) -> ProfileError? {
      do {
        _ = try parse(text, parallel: parallel)
        return nil
      } catch {
        return error as? ProfileError
      }
    }
    let a = try #require(caught(true))
    #expect(a.mark == caught(false)?.mark)
    #expect(a.mark.line == 250 * 9 + 3)
  }

  @Test("a YAML syntax error in one piece falls back to one pass and reports it the same way")
  func syntaxError() throws {
    var text = file(300)
    text = text.replacingOccurrences(of: "name: p200\n", with: "name: [p200\n")
    #expect(ProfileParser.composeInParallel(text) == nil)
    let error = try #require(throws: ProfileError.self) { try parse(text, parallel: true) }
    var yams = ProfileParser()
    yams.parallelCompose = false
    let reference = try #require(throws: ProfileError.self) { try yams.parse(text, file: "many.yaml") }
    #expect(error.mark == reference.mark)
    #expect(error.message == reference.message)
  }

  @Test("small files are composed in one pass")
  func smallFiles() throws {
    #expect(ProfileParser.composeInParallel(file(10)) == nil)
    #expect(try parse(file(10), parallel: true).count == 10)
  }
}

