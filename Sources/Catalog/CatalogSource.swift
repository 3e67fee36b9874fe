/// One catalogue file: its name (for errors), its text, and whether the user supplied it.
public struct CatalogSource: Sendable, Hashable {
  public var name: String
  public var text: String
  /// User files override the embedded data (aliases re-pointed, models merged, scores added).
  public var isUser: Bool

  public init(name: String, text: String, isUser: Bool) {
    self.name = name
    self.text = text
    self.isUser = isUser
  }

  /// The catalogue files compiled into the binary (`data/*.csv`), in load order.
  public static var embedded: [CatalogSource] {
    EmbeddedData.files.map { CatalogSource(name: "data/" + $0.name, text: $0.text, isUser: false) }
  }
}
