import Foundation
import Pricing

/// Validation shared by every reader: a price is a plain, finite, non-negative decimal below a
/// sanity bound; a currency is a three-letter ISO 4217 code.
public enum PriceValidation {
  /// Parses a price text strictly, naming the file and place when it is not acceptable.
  public static func price(_ text: String, file: String, location: String) throws -> Decimal {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty else {
      throw SheetError.invalidValue(file: file, location: location, reason: "the price is empty")
    }
    guard let value = ExactDecimal.parse(t) else {
      let hint = t.contains(",") ? " (a comma decimal separator is not accepted)" : ""
      throw SheetError.invalidValue(
        file: file, location: location, reason: "'\(text)' is not a decimal price\(hint)")
    }
    guard value >= 0 else {
      throw SheetError.invalidValue(
        file: file, location: location, reason: "the price '\(text)' is negative")
    }
    guard value <= ExactDecimal.maximumMagnitude else {
      throw SheetError.invalidValue(
        file: file, location: location, reason: "the price '\(text)' is implausibly large")
    }
    return value
  }

  /// Checks an ISO 4217 currency code.
  public static func currency(_ text: String, file: String, location: String) throws -> String {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard t.count == 3, t.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
      throw SheetError.invalidValue(
        file: file, location: location, reason: "'\(text)' is not an ISO 4217 currency code")
    }
    return t
  }
}
