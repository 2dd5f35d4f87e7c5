"""One module per file family: what is peculiar to reading it (structure checks,
text encodings, archive members). `data/reader.py` ties them together."""
