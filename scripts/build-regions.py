#!/usr/bin/env python3
"""Builds data/regions.csv from the shared price-sheet pack (run from the package root).

AWS: the region list in ../shared/pricesheets/README.md (codes, usagetype prefixes, display names).
Azure: ../shared/pricesheets/verbatim/azure/finops-toolkit_Regions.csv (RegionId, RegionName), plus
every armRegionName that occurs in ../shared/pricesheets/azure pages (incl. US Gov, `Global` and "").
Geography, country and the government / sovereign flags are this script's own classification.
"""
import csv, glob, json, os, sys

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "pricesheets")
README_SRC = "shared/pricesheets/README.md (AWS region list, data 2026-09-11)"
FINOPS_SRC = "shared/pricesheets/verbatim/azure/finops-toolkit_Regions.csv (microsoft/finops-toolkit)"
PAGES_SRC = "shared/pricesheets/azure/retail-prices pages (armRegionName, 2026-07-31)"

# AWS: code -> (display name, geography, country); government = us-gov-*
AWS = {
  "us-east-1": ("US East (N. Virginia)", "us", "US"),
  "us-east-2": ("US East (Ohio)", "us", "US"),
  "us-west-1": ("US West (N. California)", "us", "US"),
  "us-west-2": ("US West (Oregon)", "us", "US"),
  "ca-central-1": ("Canada (Central)", "ca", "CA"),
  "sa-east-1": ("South America (Sao Paulo)", "sa", "BR"),
  "eu-central-1": ("EU (Frankfurt)", "eu", "DE"),
  "eu-central-2": ("EU (Zurich)", "ch", "CH"),
  "eu-west-1": ("EU (Ireland)", "eu", "IE"),
  "eu-west-2": ("EU (London)", "uk", "GB"),
  "eu-west-3": ("EU (Paris)", "eu", "FR"),
  "eu-north-1": ("EU (Stockholm)", "eu", "SE"),
  "eu-south-1": ("EU (Milan)", "eu", "IT"),
  "ap-northeast-1": ("Asia Pacific (Tokyo)", "apac", "JP"),
  "ap-south-1": ("Asia Pacific (Mumbai)", "apac", "IN"),
  "ap-southeast-1": ("Asia Pacific (Singapore)", "apac", "SG"),
  "ap-southeast-2": ("Asia Pacific (Sydney)", "apac", "AU"),
  "ap-southeast-3": ("Asia Pacific (Jakarta)", "apac", "ID"),
  "ap-southeast-4": ("Asia Pacific (Melbourne)", "apac", "AU"),
  "us-gov-west-1": ("AWS GovCloud (US)", "us", "US"),
  "us-gov-east-1": ("AWS GovCloud (US-East)", "us", "US"),
}

# Azure: region id -> (geography, country). Government: usgov*/usdod*/ussec* (geography us); sovereign: China (21Vianet),
# Germany (legacy sovereign cloud) and the US Gov / DoD / Secret clouds.
AZ = {
  "asiapacific": ("apac", ""), "australia": ("apac", "AU"), "australiacentral": ("apac", "AU"),
  "australiacentral2": ("apac", "AU"), "australiaeast": ("apac", "AU"), "australiasoutheast": ("apac", "AU"),
  "austriaeast": ("eu", "AT"), "azurestack": ("global", ""), "belgiumcentral": ("eu", "BE"),
  "brazilsouth": ("sa", "BR"), "brazilsoutheast": ("sa", "BR"), "canadacentral": ("ca", "CA"),
  "canadaeast": ("ca", "CA"), "centralindia": ("apac", "IN"), "centralus": ("us", "US"),
  "centraluseuap": ("us", "US"), "chilecentral": ("sa", "CL"), "chinaeast": ("cn", "CN"),
  "chinaeast2": ("cn", "CN"), "chinaeast3": ("cn", "CN"), "chinanorth": ("cn", "CN"),
  "chinanorth2": ("cn", "CN"), "chinanorth3": ("cn", "CN"), "denmarkeast": ("eu", "DK"),
  "eastasia": ("apac", "HK"), "eastus": ("us", "US"), "eastus2": ("us", "US"), "eastus2euap": ("us", "US"),
  "eastus3": ("us", "US"), "finlandcentral": ("eu", "FI"), "francecentral": ("eu", "FR"),
  "francesouth": ("eu", "FR"), "germanycentral": ("eu", "DE"), "germanynorth": ("eu", "DE"),
  "germanynortheast": ("eu", "DE"), "germanywestcentral": ("eu", "DE"), "global": ("global", ""),
  "greececentral": ("eu", "GR"), "indiasouthcentral": ("apac", "IN"), "indonesiacentral": ("apac", "ID"),
  "israelcentral": ("me", "IL"), "italynorth": ("eu", "IT"), "japan": ("apac", "JP"),
  "japaneast": ("apac", "JP"), "japanwest": ("apac", "JP"), "jioindiacentral": ("apac", "IN"),
  "jioindiawest": ("apac", "IN"), "koreacentral": ("apac", "KR"), "koreasouth": ("apac", "KR"),
  "malaysiasouth": ("apac", "MY"), "malaysiawest": ("apac", "MY"), "mexicocentral": ("mx", "MX"),
  "newzealandnorth": ("apac", "NZ"), "northcentralus": ("us", "US"), "northeurope": ("eu", "IE"),
  "norwayeast": ("no", "NO"), "norwaywest": ("no", "NO"), "polandcentral": ("eu", "PL"),
  "qatarcentral": ("me", "QA"), "saudiarabiaeast": ("me", "SA"), "singaporecentral": ("apac", "SG"),
  "southafricanorth": ("af", "ZA"), "southafricawest": ("af", "ZA"), "southcentralus": ("us", "US"),
  "southcentralus2": ("us", "US"), "southcentralusstg": ("us", "US"), "southeastasia": ("apac", "SG"),
  "southeastus": ("us", "US"), "southindia": ("apac", "IN"), "spaincentral": ("eu", "ES"),
  "swedencentral": ("eu", "SE"), "swedensouth": ("eu", "SE"), "switzerlandnorth": ("ch", "CH"),
  "switzerlandwest": ("ch", "CH"), "taiwannorth": ("apac", "TW"), "taiwannorthwest": ("apac", "TW"),
  "uaecentral": ("me", "AE"), "uaenorth": ("me", "AE"), "uknorth": ("uk", "GB"), "uksouth": ("uk", "GB"),
  "uksouth2": ("uk", "GB"), "ukwest": ("uk", "GB"), "unitedstates": ("us", "US"),
  "usdodcentral": ("us", "US"), "usdodeast": ("us", "US"), "useast2euap": ("us", "US"),
  "usgovarizona": ("us", "US"), "usgoviowa": ("us", "US"), "usgovtexas": ("us", "US"),
  "usgovvirginia": ("us", "US"), "usgovwyoming": ("us", "US"), "usseceast": ("us", "US"),
  "ussecwest": ("us", "US"), "ussecwestcentral": ("us", "US"), "ussouthcentral": ("us", "US"),
  "westcentralus": ("us", "US"), "westeurope": ("eu", "NL"), "westindia": ("apac", "IN"),
  "westus": ("us", "US"), "westus2": ("us", "US"), "westus3": ("us", "US"),
}

def main():
  rows = []
  for code, (name, geo, country) in AWS.items():
    gov = code.startswith("us-gov-")
    rows.append(("aws", code, name, geo, country, gov, gov, README_SRC))
  names = {}
  with open(os.path.join(SHARED, "verbatim/azure/finops-toolkit_Regions.csv"), newline="") as f:
    for r in csv.DictReader(f):
      names.setdefault(r["RegionId"], r["RegionName"])
  in_pages = {}
  for path in sorted(glob.glob(os.path.join(SHARED, "azure/retail-prices*/page-*.json"))):
    with open(path) as f:
      for item in json.load(f)["Items"]:
        in_pages.setdefault(item["armRegionName"], item["location"])
  for code in sorted(set(names) | set(in_pages)):
    key = code.lower()
    if key == "":
      rows.append(("azure", "", "(no region)", "global", "", False, False, PAGES_SRC + ": the Free Meter item has armRegionName \"\""))
      continue
    if key not in AZ:
      sys.exit(f"no geography for Azure region {code!r}: add it to build-regions.py")
    geo, country = AZ[key]
    gov = key.startswith(("usgov", "usdod", "ussec"))
    sovereign = gov or geo == "cn" or key in ("germanycentral", "germanynortheast")
    src = FINOPS_SRC if code in names else PAGES_SRC
    if code in names and code in in_pages:
      src = FINOPS_SRC + "; in the pages as " + json.dumps(in_pages[code])
    display = names.get(code) or names.get(key) or in_pages.get(code, code)
    rows.append(("azure", code, display, geo, country, gov, sovereign, src))
  out = os.path.join(os.path.dirname(__file__), "..", "data", "regions.csv")
  with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["provider", "code", "display_name", "geography", "country", "government", "sovereign", "source"])
    for r in rows:
      w.writerow([r[0], r[1], r[2], r[3], r[4], "true" if r[5] else "false", "true" if r[6] else "false", r[7]])
  print(f"wrote {len(rows)} regions to {out}")

main()
