/// One Azure Retail Prices item as JSON text, with the fields tests vary as parameters (the
/// importer tests and the store's streamed-merge tests build their pages from it).
public enum AzureItemJSON {
  public static func item(
    meterId: String = "m-1", meterName: String = "gpt 4o 1120 Inp glbl Tokens",
    price: String = "0.0025", currency: String = "USD", type: String = "Consumption",
    region: String = "eastus2", location: String = "US East 2", unit: String = "1K",
    start: String = "2025-01-01T00:00:00Z"
  ) -> String {
    """
    {"currencyCode":"\(currency)","tierMinimumUnits":0.0,"retailPrice":\(price),"unitPrice":\(price),\
    "armRegionName":"\(region)","location":"\(location)","effectiveStartDate":"\(start)",\
    "meterId":"\(meterId)","meterName":"\(meterName)","productId":"P1","skuId":"P1/0001",\
    "productName":"Azure OpenAI","skuName":"x","serviceName":"Foundry Models","serviceId":"S",\
    "serviceFamily":"AI + Machine Learning","unitOfMeasure":"\(unit)","type":"\(type)",\
    "isPrimaryMeterRegion":true,"armSkuName":""}
    """
  }
}
