import Foundation
import Testing

@testable import PriceSheets

@Suite("Format detection")
struct FormatDetectorTests {
  func doc(_ text: String) -> SheetDocument { SheetDocument(uri: "x.json", data: Data(text.utf8)) }

  @Test(
    "tells each format from its content",
    arguments: [
      ("{\"formatVersion\":\"v1.0\",\"offerCode\":\"AmazonBedrock\",\"products\":{}}", SheetFormat.awsOfferJSON),
      ("{\"formatVersion\":\"v1.0\",\"publicationDate\":\"x\",\"offers\":{}}", .awsOfferIndex),
      ("{\"formatVersion\":\"v1.0\",\"regions\":{\"us-east-1\":{\"currentVersionUrl\":\"/x\"}}}", .awsRegionIndex),
      ("{\"FormatVersion\":\"aws_v1\",\"PriceList\":[]}", .awsQueryAPI),
      ("{\"BillingCurrency\":\"USD\",\"Items\":[],\"NextPageLink\":null}", .azureRetail),
      ("\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n", .awsOfferCSV),
      ("provider,sku,model,region,scope,tier,meter,unit,price,currency,effective_date\n", .ratecardCSV),
    ])
  func detects(text: String, format: SheetFormat) throws {
    #expect(try FormatDetector.detect(doc(text)) == format)
  }

  @Test("an empty file, an HTML page, binary bytes and unknown JSON are named errors")
  func rejects() {
    #expect(throws: SheetError.empty(file: "x.json")) { try FormatDetector.detect(self.doc("")) }
    #expect(throws: SheetError.empty(file: "x.json")) { try FormatDetector.detect(self.doc("  \n ")) }
    #expect {
      try FormatDetector.detect(self.doc("<!DOCTYPE html><html>Bad Gateway</html>"))
    } throws: { error in
      (error as? LocalizedError)?.errorDescription?.contains("HTML") == true
    }
    #expect(throws: SheetError.self) {
      try FormatDetector.detect(SheetDocument(uri: "b", data: Data([0xff, 0xfe, 0x00, 0x81, 0x7b])))
    }
    #expect(throws: SheetError.self) { try FormatDetector.detect(self.doc("{\"hello\": 1}")) }
  }
}
