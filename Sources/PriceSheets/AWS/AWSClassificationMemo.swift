/// The classifications of rows seen before, for the rows of one read. A row's class depends
/// only on the texts the classifier reads (the usagetype without its region prefix, the signal
/// attributes, the model, the unit, the offer) and on which rule words its description holds, so
/// rows that agree on those share one classification: most SKUs repeat them across regions.
final class AWSClassificationMemo {
  /// What a row's classification depends on (besides the skip rules, checked per row).
  struct Key: Hashable {
    var offerCode: String
    var unit: String
    var usageTail: String
    var signals: [String]
    var sheetModel: String
    /// The description's words that some rule looks for, in order.
    var descriptionWords: [String]
  }

  private let words = AWSWordSets()
  private var classes: [Key: AWSClassification] = [:]

  /// `classifier.classify(row)`, computed once per distinct ``Key``.
  func classify(_ row: AWSPriceRow, with classifier: AWSClassifier) -> AWSClassification {
    for rule in AWSClassifier.skipRules where rule.matches(row) {
      return .skipped(reason: .deliberate(rule.reason))
    }
    let key = Self.key(row)
    if let known = classes[key] { return known }
    let classification = classifier.classify(row, words: words)
    classes[key] = classification
    return classification
  }

  static func key(_ row: AWSPriceRow) -> Key {
    return Key(
      offerCode: row.offerCode, unit: row.unit, usageTail: AWSClassifier.usageTail(row["usagetype"]),
      signals: AWSClassifier.signalAttributes.map { row[$0] }, sheetModel: row.sheetModel,
      descriptionWords: AWSClassifier.descriptionRuleWords(row.description))
  }
}

extension AWSClassifier {
  /// Every word a rule or word list of the classifier looks for. The description is only ever
  /// tested for these words (no rule matches a signal with none of them), so its other words do
  /// not change a classification.
  static let ruleWords: Set<String> = {
    var words = tokenWords.union(embeddingWords).union(customModel).union(detailStopWords)
    func add<T>(_ rules: [AWSWordRule<T>]) {
      for rule in rules { words.formUnion(rule.all.union(rule.any).union(rule.none)) }
    }
    add(meterRules)
    add(tierRules)
    add(scopeRules)
    add(modalityRules)
    add(longContextRules)
    add(ttlRules)
    add(latencyRules)
    add(commitmentRules)
    add(reservedTermRules)
    for rule in kindRules { words.formUnion(rule.all.union(rule.none)) }
    return words
  }()
}
