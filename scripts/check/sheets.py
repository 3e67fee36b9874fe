"""Raw price-sheet index for the checkers: reads the AWS Price List offer files and the Azure
Retail Prices pages directly (not ratecard's store), with exact decimal.Decimal prices."""
import glob
import json
import os
from decimal import Decimal

SHARED = os.environ.get("RATECARD_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
PACK = os.path.join(SHARED, "pricesheets")


class SheetRow:
    __slots__ = ("provider", "sku", "key", "model", "service", "region", "unit", "price", "currency",
                 "effective", "attrs")

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)

    def per_million(self):
        """The price per 1M tokens, exactly (None for a unit that is not tokens)."""
        u = self.unit
        if u in ("1K tokens", "1K"):
            return self.price * 1000
        if u in ("1M tokens", "1M"):
            return self.price
        if u == "Units" and self.provider == "aws":  # Marketplace: the unit is in the description
            return self.price
        return None


def aws_rows(offer_dir=None):
    base = offer_dir or os.path.join(PACK, "aws", "offers", "v1.0", "aws")
    for path in sorted(glob.glob(os.path.join(base, "*", "current", "index.json"))):
        d = json.load(open(path), parse_float=Decimal)
        for term_type, terms in d["terms"].items():
            for sku, offers in terms.items():
                a = d["products"][sku]["attributes"]
                for t in offers.values():
                    for dim in t["priceDimensions"].values():
                        for cur, p in dim["pricePerUnit"].items():
                            yield SheetRow(provider="aws", sku=sku, key=a.get("usagetype", ""),
                                           model=a.get("model") or a.get("servicename", ""),
                                           service=a.get("servicecode", ""), region=a.get("regionCode", ""),
                                           unit=dim["unit"], price=Decimal(p), currency=cur,
                                           effective=t.get("effectiveDate", ""), attrs=dict(a, termType=term_type,
                                                                                              description=dim.get("description", "")))


def azure_rows(pages_dir=None):
    bases = [pages_dir] if pages_dir else [os.path.join(PACK, "azure", "retail-prices"),
                                           os.path.join(PACK, "azure", "retail-prices-eur")]
    for path in sorted(p for base in bases for p in glob.glob(os.path.join(base, "page-*.json"))):
        d = json.load(open(path), parse_float=Decimal)
        for it in d["Items"]:
            yield SheetRow(provider="azure", sku=it["meterId"], key=it["meterName"], model=it.get("skuName", ""),
                           service=it.get("productName", ""), region=it.get("armRegionName", ""),
                           unit=it.get("unitOfMeasure", ""), price=Decimal(str(it["unitPrice"])),
                           currency=it["currencyCode"], effective=it.get("effectiveStartDate", ""), attrs=it)


def index():
    """sku (AWS product SKU or Azure meter id) -> list of rows."""
    out = {}
    for r in list(aws_rows()) + list(azure_rows()):
        out.setdefault(r.sku, []).append(r)
    return out
