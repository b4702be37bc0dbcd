"""ocr-sandbox: offline OCR, text extraction and format conversion for confidential scans."""

__version__ = "0.1.0"
