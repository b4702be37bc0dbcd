"""OCR engines: Tesseract (the only module importing pytesseract) and PP-OCR (rapidocr), behind the
protocol in :mod:`sandbox.engines.base`."""
