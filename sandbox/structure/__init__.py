"""Page structure for conversion: regions (headings, paragraphs, lists, tables, …) in reading
order, built only from the words the page's engine read and the page's own pixels.

Structure serves ``convert`` and ``ocr --to`` (DOCX, XLSX, Markdown, HTML, JSON); redaction
and sanitising never use it.  :func:`sandbox.structure.build.analyse` is the entry point.
"""
