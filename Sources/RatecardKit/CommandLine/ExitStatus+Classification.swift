import Catalog
import CostEngine
import Foundation
import PriceSheets
import RateStore

extension ExitStatus {
  /// The exit status for an error thrown by the library.
  public static func of(_ error: any Error) -> ExitStatus {
    switch error {
    case SheetError.fetchFailed: .unavailable
    case is SheetError: .dataError
    case is CatalogError: .dataError
    case is ProfileError, is ProfileFileError, is EngineCatalogError: .dataError
    case StoreError.largeChange, StoreError.olderPublication: .refused
    case StoreError.busy: .busy
    case StoreError.rateOutsideCoverage: .dataError
    case StoreError.unknownSnapshot: .usage
    case ImportError.strict: .strictFailure
    case ImportError.noSuchSource, ImportError.emptyDirectory: .dataError
    case ArgumentError.noDatabase, ArgumentError.noRatesImported: .noData
    case is ArgumentError: .usage
    case is CompareError: .usage
    default: .failure
    }
  }
}
