import Foundation
import TestSupport
import Testing

/// A ratecard CSV sheet of `count` rates whose prices all carry `price`.
func generatedSheet(count: Int, price: String, service: String = "bulk") -> String {
  var lines = ["provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date"]
  lines.reserveCapacity(count + 1)
  for i in 0..<count {
    lines.append("aws,\(service),SKU-\(i),model-\(i % 50),us-east-1,regional,standard,input,1M tokens,\(price),USD,2026-01-01")
  }
  return lines.joined(separator: "\n") + "\n"
}

@Suite("Crashes and concurrency", .serialized)
struct CrashAndConcurrencyTests {
  let dir = TemporaryDirectory()

  func ratecard(_ args: [String], env: [String: String] = [:]) throws -> ProcessResult {
    try Run.process(TestPaths.ratecardBinary, args, environment: env, currentDirectory: dir.url)
  }

  /// Prices of the open rates, as printed by `ratecard rates -o csv`.
  func prices(_ db: String) throws -> [String] {
    let r = try ratecard(["rates", "--service", "bulk", "--db", db, "-o", "csv"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst()
    return lines.map { line in
      let fields = line.components(separatedBy: ",")
      return fields[15]  // the price column
    }
  }

  @Test(
    "SIGKILL at any point of an import leaves the previous snapshot or the complete new one",
    arguments: ["after-plan", "after-parse", "mid-write", "before-commit", "after-commit"])
  func killDuringImport(point: String) throws {
    let db = dir.path("crash-\(point).sqlite")
    let v1 = try dir.write("v1-\(point).csv", generatedSheet(count: 2000, price: "1.5"))
    let v2 = try dir.write("v2-\(point).csv", generatedSheet(count: 3000, price: "2.5"))
    #expect(try ratecard(["import", v1, "--db", db, "--quiet"]).status == 0)

    let killed = try ratecard(
      ["import", v2, "--db", db, "--quiet", "--allow-large-change"], env: ["RATECARD_FAULT": point])
    #expect(killed.status != 0, "the process should have been killed at \(point)")

    let check = try ratecard(["status", "--db", db, "-o", "json"])
    #expect(check.status == 0, "\(check.stderr)")
    let after = try prices(db)
    if point == "after-commit" {
      #expect(after.count == 3000 && Set(after) == ["2.5"])
    } else {
      #expect(after.count == 2000 && Set(after) == ["1.5"], "not the previous snapshot at \(point)")
    }
    // The next import succeeds and lands everything.
    let next = try ratecard(["import", v2, "--db", db, "--quiet", "--allow-large-change"])
    #expect(next.status == 0, "\(next.stderr)")
    let final = try prices(db)
    #expect(final.count == 3000 && Set(final) == ["2.5"])
    let integrity = try IntegrityProbe.check(db)
    #expect(integrity == "ok")
  }

  @Test("20 readers during an import never fail and never see half of it")
  func readersDuringImport() throws {
    let db = dir.path("readers.sqlite")
    let v1 = try dir.write("r1.csv", generatedSheet(count: 5000, price: "1.5"))
    let v2 = try dir.write("r2.csv", generatedSheet(count: 5000, price: "2.5"))
    #expect(try ratecard(["import", v1, "--db", db, "--quiet"]).status == 0)

    let results = ResultCollector()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      let r = try? self.ratecard(["import", v2, "--db", db, "--quiet", "--allow-large-change"])
      results.add("import", r)
      group.leave()
    }
    for i in 0..<20 {
      group.enter()
      DispatchQueue.global().async {
        // model-0 and model-7 are spread over the whole sheet (sku i has model i % 50).
        let r = try? self.ratecard(
          ["rates", "--service", "bulk", "--model", "model-0", "--model", "model-7", "--db", db, "-o", "csv"])
        results.add("reader \(i)", r)
        group.leave()
      }
    }
    group.wait()
    for (name, result) in results.all {
      let r = try #require(result, "\(name) did not run")
      #expect(r.status == 0, "\(name): \(r.stderr)")
      if name.hasPrefix("reader") {
        let prices = Set(
          r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst().map {
            $0.components(separatedBy: ",")[15]
          })
        let rows = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
        #expect(rows == 200, "\(name) saw \(rows) rows")
        #expect(prices == ["1.5"] || prices == ["2.5"], "\(name) saw a mix: \(prices)")
      }
    }
  }

  @Test("two imports started together: the result equals one import")
  func twoImports() throws {
    let db = dir.path("two.sqlite")
    let sheet = try dir.write("two.csv", generatedSheet(count: 5000, price: "3"))
    // Create the database first: an import of a path that does not exist opens (creates) the
    // store and records nothing.
    #expect(try ratecard(["import", dir.path("none.csv"), "--db", db, "--quiet"]).status == 65)
    #expect(FileManager.default.fileExists(atPath: db))
    let results = ResultCollector()
    let group = DispatchGroup()
    for i in 0..<2 {
      group.enter()
      DispatchQueue.global().async {
        results.add("import \(i)", try? self.ratecard(["import", sheet, "--db", db, "--quiet", "-o", "json"]))
        group.leave()
      }
    }
    group.wait()
    let statuses = results.all.compactMap { $0.1?.status }
    #expect(statuses.count == 2)
    // Each either succeeded or failed cleanly with the documented "busy" code.
    #expect(statuses.allSatisfy { $0 == 0 || $0 == 75 })
    #expect(statuses.contains(0))
    let outputs = results.all.compactMap { $0.1?.stdout }.joined()
    #expect(outputs.contains("\"added\": 5000"))
    #expect(!outputs.contains("\"added\": 5000,\n") || outputs.components(separatedBy: "\"added\": 5000").count == 2)
    let p = try prices(db)
    #expect(p.count == 5000)
  }
}

/// Thread-safe collection of process results.
final class ResultCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [(String, ProcessResult?)] = []
  func add(_ name: String, _ r: ProcessResult?) {
    lock.lock()
    results.append((name, r))
    lock.unlock()
  }
  var all: [(String, ProcessResult?)] {
    lock.lock()
    defer { lock.unlock() }
    return results
  }
}

/// `PRAGMA integrity_check` through the sqlite3 CLI when present, else through python3.
enum IntegrityProbe {
  static func check(_ db: String) throws -> String {
    let r = try Run.process(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", db])
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
