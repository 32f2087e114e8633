"""Fills an answers workbook with openpyxl, a second spreadsheet library, as an officer's Excel would.

Usage: fill-workbook.py IN.xlsx VALUES.json OUT.xlsx, where VALUES.json maps a row's path (column A) to
{"type": "text" | "number" | "date" | "boolean", "value": ...}; the value goes in the row's answer cell (column J).
"""
import datetime
import json
import sys

import openpyxl

source, values_file, target = sys.argv[1:4]
values = json.load(open(values_file, encoding="utf-8"))
workbook = openpyxl.load_workbook(source)
for name in ("Organization", "Answers"):
    sheet = workbook[name]
    for row in range(2, sheet.max_row + 1):
        path = sheet.cell(row=row, column=1).value
        if path not in values:
            continue
        entry = values[path]
        value = entry["value"]
        if entry["type"] == "date":
            value = datetime.datetime.strptime(value, "%Y-%m-%d")
        sheet.cell(row=row, column=10).value = value
workbook.save(target)
