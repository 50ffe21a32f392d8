"""PDF through LibreOffice: the .docx is converted by soffice in a private temporary folder.

LibreOffice is optional; without it --to pdf is refused with a way round it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from cpptool.core.errors import CpptoolError


def soffice() -> Optional[str]:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: float = 180) -> bytes:
    """Convert in a private temporary folder; the caller writes the PDF atomically."""
    import subprocess
    import tempfile

    exe = soffice()
    if exe is None:
        raise CpptoolError("--to pdf needs LibreOffice, and neither soffice nor libreoffice is installed; "
                           "install LibreOffice, or render --to docx and save it as PDF in Word")
    with tempfile.TemporaryDirectory(prefix="cpptool-render-") as tmp:
        folder = Path(tmp)
        source = folder / "agreement.docx"
        source.write_bytes(data)
        cmd = [exe, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise CpptoolError(f"LibreOffice did not finish converting to PDF within {timeout:.0f} s; "
                               "render --to docx instead") from None
        except OSError as err:
            raise CpptoolError(f"cannot run LibreOffice ({exe}): {err.strerror or type(err).__name__}") from None
        pdf = folder / "agreement.pdf"
        if proc.returncode != 0 or not pdf.is_file():
            raise CpptoolError(f"LibreOffice could not convert the agreement to PDF (exit code {proc.returncode}); "
                               "render --to docx instead")
        return pdf.read_bytes()
