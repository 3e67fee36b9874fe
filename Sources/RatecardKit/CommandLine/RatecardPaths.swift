import Foundation

/// Where ratecard keeps its files, following the XDG base directory spec.
public enum RatecardPaths {
  /// `--db`, else `RATECARD_DB`, else `$XDG_DATA_HOME/ratecard/ratecard.sqlite`
  /// (`~/.local/share/ratecard/ratecard.sqlite`).
  public static func database(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let env = environment["RATECARD_DB"], !env.isEmpty { return env }
    return dataHome(environment) + "/ratecard/ratecard.sqlite"
  }

  static func dataHome(_ environment: [String: String]) -> String {
    if let x = environment["XDG_DATA_HOME"], x.hasPrefix("/") { return x }
    return home(environment) + "/.local/share"
  }

  /// `$XDG_CONFIG_HOME/ratecard` (`~/.config/ratecard`).
  public static func configDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/ratecard" }
    return home(environment) + "/.config/ratecard"
  }

  static func home(_ environment: [String: String]) -> String {
    environment["HOME"] ?? NSHomeDirectory()
  }
}
