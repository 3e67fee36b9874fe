import CostEngine
import Foundation
import RateStore
import Reports

/// Writes the HTML report to a file: builds the model (``ReportBuilder``), renders it
/// (``HTMLReport``) and replaces the file in one step, so a failed run leaves no half page.
public enum ReportFile {
  /// What was written.
  public struct Written: Sendable {
    public var profiles: Int
    public var models: Int
    public var bytes: Int
  }

  public static func write(
    profiles: [Profile], engine: WorkloadEngine, sources: [SourceStatus],
    options: ReportBuilder.Options = .init(), usage: UsageSection? = nil, to path: String,
    generatedAt: Date = Date()
  ) throws -> Written {
    // A missing folder is found before the work, not after.
    let folder = (path as NSString).deletingLastPathComponent
    var isDirectory: ObjCBool = false
    if !folder.isEmpty,
      !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue
    {
      throw ReportError.cannotWrite(path: path, reason: "the folder '\(folder)' does not exist")
    }
    let model = try ReportBuilder.build(
      profiles: profiles, engine: engine, sources: sources, options: options, usage: usage,
      generatedAt: generatedAt)
    let data = Data(HTMLReport.render(model).utf8)
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ReportError.cannotWrite(path: path, reason: (error as NSError).localizedDescription)
    }
    let models = model.sections.reduce(0) { n, s in
      if case .crossCloud(let c) = s { return n + c.models.count }
      return n
    }
    return Written(profiles: model.profiles.count, models: models, bytes: data.count)
  }
}

/// Why a report could not be written.
public enum ReportError: Error, LocalizedError, Sendable {
  case cannotWrite(path: String, reason: String)
  /// Nothing imported: every profile would have no eligible offer.
  case noRates(database: String)
  public var errorDescription: String? {
    switch self {
    case .cannotWrite(let path, let reason): "cannot write the report to '\(path)': \(reason)"
    case .noRates(let db): "no price sheet imported in \(db): run ratecard import (or ratecard demo) first"
    }
  }
}
