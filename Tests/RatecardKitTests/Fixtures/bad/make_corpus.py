#!/usr/bin/env python3
"""Writes the bad-input corpus (run from this folder). Each file is listed in expectations.csv with
the forced format (if any) and a fragment the error message must contain (besides the file name)."""
import copy, csv, json, os

def aws_offer(price="0.0030000000", unit="1K tokens", extra_products=None, extra_terms=None):
    sku = "AAAABBBBCCCCDDDD"
    offer = {
        "formatVersion": "v1.0", "disclaimer": "test", "offerCode": "AmazonBedrock",
        "version": "20260911124408", "publicationDate": "2026-09-11T12:44:08Z",
        "products": {sku: {"sku": sku, "productFamily": "Amazon Bedrock", "attributes": {
            "servicecode": "AmazonBedrock", "location": "US East (N. Virginia)", "locationType": "AWS Region",
            "usagetype": "USE1-NovaPro-input-tokens", "operation": "", "feature": "On-demand Inference",
            "inferenceType": "Input tokens", "model": "Nova Pro", "provider": "", "regionCode": "us-east-1",
            "servicename": "Amazon Bedrock"}}},
        "terms": {"OnDemand": {sku: {sku + ".JRTCKXETXF": {
            "offerTermCode": "JRTCKXETXF", "sku": sku, "effectiveDate": "2026-09-01T00:00:00Z",
            "priceDimensions": {sku + ".JRTCKXETXF.6YS6EN2CT7": {
                "rateCode": sku + ".JRTCKXETXF.6YS6EN2CT7", "description": "test", "beginRange": "0",
                "endRange": "Inf", "unit": unit, "pricePerUnit": {"USD": price}, "appliesTo": []}},
            "termAttributes": {}}}}},
    }
    return offer

def azure_page(items=None, currency="USD", next_link=None):
    item = {"currencyCode": currency, "tierMinimumUnits": 0.0, "retailPrice": 0.0025, "unitPrice": 0.0025,
            "armRegionName": "eastus2", "location": "US East 2", "effectiveStartDate": "2026-05-01T00:00:00Z",
            "meterId": "00000000-0000-0000-0000-000000000001", "meterName": "gpt 4o 1120 Inp glbl Tokens",
            "productId": "DZH318Z0BQ4L", "skuId": "DZH318Z0BQ4L/0001", "productName": "Azure OpenAI",
            "skuName": "gpt 4o 1120 Inp glbl", "serviceName": "Foundry Models", "serviceId": "DZH313Z7OKMB",
            "serviceFamily": "AI + Machine Learning", "unitOfMeasure": "1K", "type": "Consumption",
            "isPrimaryMeterRegion": True, "armSkuName": ""}
    return {"BillingCurrency": currency, "CustomerEntityId": "Default", "CustomerEntityType": "Retail",
            "Items": [item] if items is None else items, "NextPageLink": next_link, "Count": 1}

def write(name, content):
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(name, mode) as f:
        f.write(content)

rows = []
def case(name, content, fragment, fmt=""):
    if isinstance(content, (dict, list)):
        content = json.dumps(content, indent=1)
    write(name, content)
    rows.append((name, fmt, fragment))

ok_offer = json.dumps(aws_offer(), indent=1)
ok_page = json.dumps(azure_page())
RC = "provider,sku,model,region,scope,tier,meter,unit,price,currency,effective_date\n"
rc_row = "aws,S1,m,us-east-1,regional,standard,input,1M tokens,{price},USD,2026-01-01\n"

# Generic
case("empty.json", "", "empty")
case("whitespace.json", "  \n\t\n", "empty")
case("html-error-page.json", "<!DOCTYPE html><html><head><title>503</title></head><body>Service Unavailable</body></html>", "HTML")
case("xml-error.json", "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>", "HTML")
case("non-utf8.json", b"\xff\xfe{\x00\"\x00o\x00\x81\x82", "UTF-8")
case("unknown-json.json", {"hello": "world"}, "neither")
case("json-array.json", [1, 2, 3], "neither")
case("plain-text.csv", "this is not a price sheet\n", "known header")
# AWS offer JSON
case("aws-truncated.json", ok_offer[: len(ok_offer) // 2], "")
case("aws-truncated-early.json", ok_offer[:40], "")
o = aws_offer(); del o["products"]; case("aws-missing-products.json", o, "products")
o = aws_offer(); del o["terms"]; case("aws-missing-terms.json", o, "terms")
o = aws_offer(); o["terms"]["OnDemand"]["ZZZZYYYYXXXXWWWW"] = copy.deepcopy(o["terms"]["OnDemand"]["AAAABBBBCCCCDDDD"]); case("aws-term-without-product.json", o, "ZZZZYYYYXXXXWWWW")
case("aws-unknown-unit.json", aws_offer(unit="1B tokens"), "1B tokens")
case("aws-negative-price.json", aws_offer(price="-0.0030000000"), "negative")
case("aws-nan-price.json", aws_offer(price="NaN"), "NaN")
case("aws-inf-price.json", aws_offer(price="Inf"), "Inf")
case("aws-empty-price.json", aws_offer(price=""), "empty")
case("aws-huge-price.json", aws_offer(price="99999999999999.0000000000"), "large")
case("aws-comma-price.json", aws_offer(price="0,0030000000"), "comma")
o = aws_offer(); terms = o["terms"]["OnDemand"]["AAAABBBBCCCCDDDD"]
t2 = copy.deepcopy(terms["AAAABBBBCCCCDDDD.JRTCKXETXF"]); t2["offerTermCode"] = "JRTCKXETXG"
list(t2["priceDimensions"].values())[0]["pricePerUnit"]["USD"] = "0.0040000000"
terms["AAAABBBBCCCCDDDD.JRTCKXETXG"] = t2
case("aws-duplicate-sku-conflict.json", o, "AAAABBBBCCCCDDDD")
o = aws_offer(); o["products"]["AAAABBBBCCCCDDDD"]["attributes"] = "oops"; case("aws-attributes-wrong-type.json", o, "attributes")
o = aws_offer(); list(o["terms"]["OnDemand"]["AAAABBBBCCCCDDDD"]["AAAABBBBCCCCDDDD.JRTCKXETXF"]["priceDimensions"].values())[0]["pricePerUnit"] = {"USD": 0.003}; case("aws-price-number.json", o, "pricePerUnit")
case("azure-page-as-aws.json", ok_page, "", "aws-json")
# AWS CSV and Query API
csv_head = '"FormatVersion","v1.0"\n"Disclaimer","x"\n"Publication Date","2026-09-11T12:44:10Z"\n"Version","20260911124410"\n"OfferCode","AmazonBedrockFoundationModels"\n"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","Location","Location Type","usageType","operation","Region Code","serviceName"\n'
case("aws-csv-short-row.csv", csv_head + '"0IND7XH77DJKVXYC","JRTCKXETXF","0IND7XH77DJKVXYC.JRTCKXETXF.6YS6EN2CT7","OnDemand","x","2026-07-01","0"\n', "line 7")
case("aws-csv-bad-price.csv", csv_head + '"0IND7XH77DJKVXYC","JRTCKXETXF","0IND7XH77DJKVXYC.JRTCKXETXF.6YS6EN2CT7","OnDemand","AWS Marketplace software usage|us-east-1|Output Tokens - Standard","2026-07-01","0","Inf","1M tokens","5O.00","USD","US East (N. Virginia)","AWS Region","USE1-MP:USE1_output_tokens_standard-Units","","us-east-1","Claude Fable 5 (Amazon Bedrock Edition)"\n', "5O.00")
case("aws-query-bad-inner.json", {"FormatVersion": "aws_v1", "PriceList": ["{\"product\": {\"attributes\": "]}, "PriceList")
# Azure pages
p = azure_page(); p["Items"] = None; case("azure-items-null.json", p, "Items")
p = azure_page(); del p["Items"]; case("azure-items-missing.json", p, "Items")
case("azure-truncated.json", ok_page[: len(ok_page) // 2], "")
p = azure_page(); p["Items"][0]["retailPrice"] = -1.5; p["Items"][0]["unitPrice"] = -1.5; case("azure-negative-price.json", p, "negative")
p = azure_page(); p["Items"][0]["retailPrice"] = "abc"; case("azure-string-price.json", p, "retailPrice")
p = azure_page(); p["Items"][0]["retailPrice"] = 1e30; p["Items"][0]["unitPrice"] = 1e30; case("azure-huge-price.json", p, "large")
p = azure_page(); p["Items"][0]["currencyCode"] = "EUR"; case("azure-item-currency-mismatch.json", p, "EUR")
p = azure_page(); dup = copy.deepcopy(p["Items"][0]); dup["retailPrice"] = 0.003; dup["unitPrice"] = 0.003; p["Items"].append(dup); case("azure-duplicate-conflict.json", p, "00000000-0000-0000-0000-000000000001")
p = azure_page(); p["Items"][0]["unitOfMeasure"] = "1 Fortnight"; case("azure-unknown-unit.json", p, "1 Fortnight")
case("aws-offer-as-azure.json", ok_offer, "", "azure-retail")
os.makedirs("azure-mixed-currency", exist_ok=True)
write("azure-mixed-currency/page-0001.json", json.dumps(azure_page()))
p = azure_page(currency="EUR"); p["Items"][0]["meterId"] = "00000000-0000-0000-0000-000000000002"
write("azure-mixed-currency/page-0002.json", json.dumps(p))
rows.append(("azure-mixed-currency", "", "EUR"))
# ratecard CSV
case("rc-comma-price.csv", RC + 'aws,S1,m,us-east-1,regional,standard,input,1M tokens,"1,5",USD,2026-01-01\n', "comma")
case("rc-nan-price.csv", RC + rc_row.format(price="NaN"), "NaN")
case("rc-unknown-scope.csv", RC + "aws,S1,m,us-east-1,planetary,standard,input,1M tokens,1,USD,2026-01-01\n", "planetary")
case("rc-missing-column.csv", RC.replace(",currency", "") + "aws,S1,m,us-east-1,regional,standard,input,1M tokens,1,2026-01-01\n", "currency")
case("rc-bad-date.csv", RC + "aws,S1,m,us-east-1,regional,standard,input,1M tokens,1,USD,01/02/2026\n", "01/02/2026")
case("rc-bad-currency.csv", RC + "aws,S1,m,us-east-1,regional,standard,input,1M tokens,1,dollars,2026-01-01\n", "dollars")
case("rc-conflicting-duplicate.csv", RC + rc_row.format(price="1") + rc_row.format(price="2"), "S1")
case("rc-token-unknown-unit.csv", RC + "aws,S1,m,us-east-1,regional,standard,input,1 bushel,1,USD,2026-01-01\n", "1 bushel")
case("rc-empty-sku.csv", RC + "aws,,m,us-east-1,regional,standard,input,1M tokens,1,USD,2026-01-01\n", "sku")
case("rc-unknown-provider.csv", RC + "gcp,S1,m,us-central1,regional,standard,input,1M tokens,1,USD,2026-01-01\n", "gcp")

with open("expectations.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["file", "source_format", "message_fragment"])
    w.writerows(rows)
print(len(rows), "cases")
