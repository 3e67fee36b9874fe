import Reports

/// The version `ratecard --version` prints, recorded with every import batch and shown in the
/// import summary, in every JSON output and in the HTML report's footer.
public enum RatecardVersion {
  public static let current = "0.16.0"

  /// The JSON key naming the version of the ratecard that wrote a record.
  public static let key = "ratecardVersion"

  /// `report` with `ratecardVersion` as the last field of each top-level record that does not
  /// already carry it: how every `-o json` output names its writer while staying an array of
  /// records (a consumer reading known keys is unaffected).
  public static func stamped(_ report: Report) -> Report {
    var out = report
    out.records = report.records.map { record in
      guard record[key] == nil else { return record }
      var r = record
      r.fields.append(.init(key, .text(current)))
      return r
    }
    return out
  }
}
