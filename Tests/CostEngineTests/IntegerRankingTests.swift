@testable import CostEngine
import Foundation
import Pricing
import Testing

/// The ranking pass compares costs as scaled integers (`IntegerPricer`); the shown lines and totals
/// stay `Decimal` (`FastPricer`, `Pricer`). Both must order every pair of price classes the same.
@Suite("Integer ranking agrees with Decimal totals")
struct IntegerRankingTests {
  static let profiles = [
    GoldenTests.supportBot,
    "name: a\nrequests_per_day: 1234.5\ninput_tokens: 777\noutput_tokens: 55\ncached_input_share: 0.33\nbatch_share: 1\n",
    "name: b\nrequests_per_month: 99\ninput_tokens: 100000\noutput_tokens: 0\nlong_context_share: 0.4\ncache_write_share: 0.2\ndiscounts: {aws: 0.125}\n",
    "name: c\nrequests_per_month: 12500000\ninput_tokens: 45000.5\noutput_tokens: 2000\nbatch_share: 0.25\nlong_context_share: 0.1\ndiscounts: {azure: 0.1}\n",
    "name: d\nrequests_per_day: 7\ninput_tokens: 3\noutput_tokens: 1\ncached_input_share: 0.999999\n",
  ]

  @Test("same sign of every pairwise difference, same missing-price verdict, on the real rates")
  func sameOrder() throws {
    let e = engine()
    let book = e.book
    #expect(book.integerPrices != nil, "the real rates fit the integer path")
    for y in Self.profiles {
      let p = try parseOne(y)
      var integer = try #require(IntegerPricer(p, book: book), "\(p.name) fits the integer path")
      var decimal = FastPricer(p)
      var pairs: [(Int128, Decimal)] = []
      for c in book.classPrices.indices {
        let i = integer.cost(class: c, provider: book.classProvider[c])
        let d = decimal.cost(prices: book.classPrices[c], provider: book.classProvider[c])
        #expect((i == nil) == (d == nil), "\(p.name) class \(c)")
        if let i, let d { pairs.append((i, d)) }
      }
      #expect(!integer.overflowed)
      #expect(pairs.count >= 2)
      for a in pairs.indices {
        for b in pairs.indices where b > a {
          let (ia, da) = pairs[a]
          let (ib, db) = pairs[b]
          #expect((ia < ib) == (da < db) && (ia == ib) == (da == db), "\(p.name): classes \(a), \(b)")
        }
      }
    }
  }

  @Test("a value with more decimal places than the scales allow falls back to Decimal")
  func fallback() throws {
    let p = try parseOne("name: x\nrequests_per_month: 1\ninput_tokens: 1\noutput_tokens: 1\ncached_input_share: 0.1234567891\n")
    #expect(IntegerPricer(p, book: engine().book) == nil)
    #expect(ScaledInteger.value(Decimal(string: "2.125")!, scale: 2) == nil)
    #expect(ScaledInteger.value(Decimal(string: "2.125")!, scale: 4) == 21250)
    #expect(ScaledInteger.value(Decimal(string: "-0.5")!, scale: 1) == -5)
  }
}
