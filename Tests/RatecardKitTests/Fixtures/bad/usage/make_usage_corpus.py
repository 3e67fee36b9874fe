#!/usr/bin/env python3
"""Writes the usage part of the bad-input corpus (run from this folder). Each file is listed in
expectations.csv with the forced --usage-format (if any), the line and column the error must name
(empty when none applies) and a fragment of the message (besides the file name)."""
import csv, gzip, io, json

CUR_HEADER = ["bill_payer_account_id", "line_item_usage_account_id", "line_item_line_item_type",
              "line_item_product_code", "product_servicecode", "line_item_usage_type",
              "line_item_usage_start_date", "line_item_usage_amount", "pricing_unit",
              "line_item_unblended_rate", "line_item_unblended_cost", "line_item_currency_code",
              "product_sku", "product_region_code", "resource_tags"]

def cur_row(day="2026-10-01", amount="1000", cost="0.15", currency="USD", type_="Usage", rate="0.00015"):
    return ["999", "111", type_, "AmazonBedrock", "AmazonBedrock",
            "USE1-openai.gpt-oss-120b-mantle-input-tokens-standard", day + "T00:00:00Z", amount, "1K tokens",
            rate, cost, currency, "6IXWNI5NECS8SJZL", "us-east-1", '{"user_app":"x"}']

def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return out.getvalue()

cases = []

def write(name, data, fmt="", line="", column="", fragment=""):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(name, mode) as f:
        f.write(data)
    cases.append([name, fmt, line, column, fragment])

good = csv_text(CUR_HEADER, [cur_row(day="2026-10-%02d" % d) for d in range(1, 31)] * 40)
gz = gzip.compress(good.encode(), mtime=0)
write("cur-truncated.csv.gz", gz[: len(gz) // 2], fragment="truncated gzip")
write("cur-corrupt.csv.gz", gz[:20] + bytes(b ^ 0x5A for b in gz[20:60]) + gz[60:], fragment="corrupt gzip")
write("cur-missing-column.csv",
      csv_text([c for c in CUR_HEADER if c != "line_item_usage_amount"], [cur_row()[:7] + cur_row()[8:]]),
      line="1", fragment="line_item_usage_amount")
write("cur-wrong-type.csv", csv_text(CUR_HEADER, [cur_row(), cur_row(amount="12,5")]),
      line="3", column="line_item_usage_amount", fragment="not a decimal")
write("cur-cost-text.csv", csv_text(CUR_HEADER, [cur_row(cost="free")]),
      line="2", column="line_item_unblended_cost", fragment="not a decimal")
write("cur-negative-quantity.csv", csv_text(CUR_HEADER, [cur_row(), cur_row(), cur_row(amount="-5")]),
      line="4", column="line_item_usage_amount", fragment="negative quantity")
write("cur-mixed-currency.csv", csv_text(CUR_HEADER, [cur_row(), cur_row(currency="EUR")]),
      line="3", column="line_item_currency_code", fragment="EUR")
write("cur-two-months.csv", csv_text(CUR_HEADER, [cur_row(), cur_row(day="2026-11-01")]),
      line="3", column="line_item_usage_start_date", fragment="2026-11")
write("cur-bad-date.csv", csv_text(CUR_HEADER, [cur_row(day="2026-10-32")]),
      line="2", column="line_item_usage_start_date", fragment="not a date")
write("cur-short-row.csv", csv_text(CUR_HEADER, [cur_row()]) + "999,111,Usage\n", line="3", fragment="fields")
write("cur-open-quote.csv", csv_text(CUR_HEADER, [cur_row()]) + '999,"111,Usage\n', fragment="not closed")
write("cur-bad-currency.csv", csv_text(CUR_HEADER, [cur_row(currency="US Dollar")]),
      line="2", column="line_item_currency_code", fragment="currency code")
write("cur-huge-amount.csv", csv_text(CUR_HEADER, [cur_row(amount="1e99")]),
      line="2", column="line_item_usage_amount", fragment="too large")
write("cur-header-only.csv", csv_text(CUR_HEADER, []), fragment="no line")
write("unknown.csv", "a,b,c\n1,2,3\n", fragment="not a usage export")
write("legacy-cur.csv", "lineItem/UsageType,lineItem/UnblendedCost\nx,1\n", fragment="legacy CUR")
write("empty.csv", "", fragment="empty")
write("html.csv", "<html><body>403</body></html>\n", fragment="HTML")
write("focus-no-extensions.csv", "BilledCost,ChargeCategory,BillingCurrency\n1,Usage,USD\n", fragment="FOCUS")
write("json-not-log.jsonl", '{"hello": 1}\n', fragment="not a Bedrock model invocation log")
write("not-gzip-forced.csv", "plain text, not CSV of a bill\n", fmt="aws-cur2", line="1",
      fragment="line_item_usage_start_date")

ea_header = ["Date", "MeterId", "MeterName", "MeterCategory", "ResourceLocation", "UnitOfMeasure", "Quantity",
             "EffectivePrice", "CostInBillingCurrency", "BillingCurrencyCode", "SubscriptionId", "ChargeType",
             "Tags"]
def ea_row(date="10/01/2026", qty="1000", currency="USD"):
    return [date, "0efb1dd5-c98f-5d51-bed2-687633b753f6", "gpt-oss-120B Inp glbl Tokens", "Foundry Models",
            "eastus2", "1K", qty, "0.00015", "0.15", currency, "sub", "Usage", '{"app":"x"}']
write("ea-iso-month-mismatch.csv", "\ufeff" + csv_text(ea_header, [ea_row(), ea_row(date="09/30/2026")]),
      line="3", column="Date", fragment="2026-09")
write("ea-bad-date.csv", "\ufeff" + csv_text(ea_header, [ea_row(date="13/01/2026")]),
      line="2", column="Date", fragment="not a date")
write("ea-negative-quantity.csv", "\ufeff" + csv_text(ea_header, [ea_row(qty="-1000")]),
      line="2", column="Quantity", fragment="negative quantity")
write("ea-mixed-currency.csv", "\ufeff" + csv_text(ea_header, [ea_row(), ea_row(currency="EUR")]),
      line="3", column="BillingCurrencyCode", fragment="EUR")

log = {"schemaType": "ModelInvocationLog", "schemaVersion": "1.0", "timestamp": "2026-10-01T00:00:00Z",
       "accountId": "1", "identity": {"arn": "arn:aws:sts::1:assumed-role/app/s"}, "region": "us-east-1",
       "requestId": "r", "operation": "Converse", "modelId": "amazon.nova-pro-v1:0",
       "input": {"inputTokenCount": 10, "cacheReadInputTokenCount": 0, "cacheWriteInputTokenCount": 0},
       "output": {"outputTokenCount": 5}}
def logline(**over):
    d = json.loads(json.dumps(log))
    for k, v in over.items():
        if "." in k:
            a, b = k.split(".")
            d[a][b] = v
        else:
            d[k] = v
    return json.dumps(d) + "\n"
lines = "".join(logline() for _ in range(200))
write("log-truncated.jsonl.gz", gzip.compress(lines.encode(), mtime=0)[:-30], fragment="truncated gzip")
write("log-wrong-type.jsonl", logline() + logline(**{"input.inputTokenCount": "ten"}),
      line="2", column="input.inputTokenCount", fragment="wrong type")
write("log-negative-tokens.jsonl", logline() + logline() + logline(**{"output.outputTokenCount": -3}),
      line="3", column="output.outputTokenCount", fragment="negative")
write("log-two-months.jsonl", logline() + logline(timestamp="2026-11-01T00:00:01Z"),
      line="2", column="timestamp", fragment="2026-11")
write("log-cut-line.jsonl", logline() + logline()[:40] + "\n", line="2", fragment="not a JSON object")
write("log-missing-model.jsonl", logline() + json.dumps({k: v for k, v in log.items() if k != "modelId"}) + "\n",
      line="2", column="modelId", fragment="missing")

with open("expectations.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["file", "usage_format", "line", "column", "message_fragment"])
    w.writerows(cases)
