"""Editor help works with a real client: yaml-language-server (the server behind VS Code's YAML
extension) reads the schema line `cpptool new` writes, completes plan keys and flags wrong types.

The server comes from the npm registry: `npm install --prefix .venv/node yaml-language-server`
(what `.ci/run` does, best effort), or `npm install -g yaml-language-server`. The test is skipped
when node or the server is missing. It talks LSP (JSON-RPC over stdio) itself, so it needs no
editor.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

SERVER_PLACES = (ROOT / ".venv" / "node" / "node_modules" / ".bin" / "yaml-language-server",
                 ROOT / "tests" / ".lsp" / "node_modules" / ".bin" / "yaml-language-server")


def _server() -> list[str]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed (yaml-language-server runs on node)")
    for place in SERVER_PLACES:
        if place.is_file():
            return [str(place), "--stdio"]
    found = shutil.which("yaml-language-server")
    if found:
        return [found, "--stdio"]
    pytest.skip("yaml-language-server is not installed: npm install --prefix .venv/node yaml-language-server")


class Client:
    """The smallest LSP client: requests, notifications, and answers to the server's own requests."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=root)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.lower()] = value.strip()
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)

    def wait(self, matches, timeout: float = 60) -> dict:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.inbox.get(timeout=max(0.1, end - time.monotonic()))
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # the server asks something: answer it
                self.send({"id": message["id"], "result": self._answer(message)})
                continue
            if matches(message):
                return message
        raise AssertionError("yaml-language-server did not answer in time")

    @staticmethod
    def _answer(message: dict):
        if message["method"] == "workspace/configuration":
            settings = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}
            return [settings if item.get("section") == "yaml" else None for item in message["params"]["items"]]
        return None

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001 - a server that will not stop is killed
            self.proc.kill()


@pytest.fixture
def editor(tmp_path, cli):
    command = _server()
    repo = tmp_path / "repo"
    assert cli("init", repo)[0] == 0
    client = Client(command, repo)
    client.request("initialize", {
        "processId": os.getpid(), "rootUri": repo.as_uri(),
        "workspaceFolders": [{"uri": repo.as_uri(), "name": "plans"}],
        "capabilities": {"workspace": {"configuration": True},
                         "textDocument": {"completion": {"completionItem": {"snippetSupport": False}},
                                          "publishDiagnostics": {}}},
    })
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration",
                  {"settings": {"yaml": {"validate": True, "completion": True, "schemaStore": {"enable": False}}}})
    yield client, repo
    client.close()


def _open(client: Client, path: Path, text: str) -> list[dict]:
    """Open a document and return the diagnostics the server publishes for it."""
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                            "text": text}})
    return client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri)["params"]["diagnostics"]


def test_a_new_plan_gets_completion_and_no_false_alarms(editor, cli):
    client, repo = editor
    plan = repo / "plans" / "cp-2026-0412.yaml"
    code, _, err = cli("new", plan, "--stage", "detailed", "--set", "categories=NEG")
    assert code == 0, err
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    # A plan as `cpptool new` writes it, placeholders and all, is valid to the editor.
    assert _open(client, plan, text) == []
    # Completion on an empty line offers the plan's keys, from the schema the modeline names.
    short = repo / "plans" / "cp-2026-0413.yaml"
    stub = "# yaml-language-server: $schema=../schemas/plan.schema.json\nformat: 1\n\n"
    _open(client, short, stub)
    result = client.request("textDocument/completion", {"textDocument": {"uri": short.as_uri()},
                                                        "position": {"line": 2, "character": 0}})["result"]
    labels = {item["label"] for item in (result["items"] if isinstance(result, dict) else result)}
    assert {"child", "conference", "core_group", "actions", "stage"} <= labels, sorted(labels)


def test_a_wrong_type_is_flagged_as_you_type(editor):
    client, repo = editor
    plan = repo / "plans" / "cp-2026-0414.yaml"
    text = "# yaml-language-server: $schema=../schemas/plan.schema.json\nformat: \"x\"\nstage: outline\n"
    diagnostics = _open(client, plan, text)
    on_format = [d for d in diagnostics if d["range"]["start"]["line"] == 1 and d["range"]["start"]["character"] >= 8]
    assert on_format, diagnostics
    assert any("integer" in d["message"] or "Value must be 1" in d["message"] for d in on_format), on_format
    # The schema came from the repository (the modeline's relative path), not from anywhere else.
    schema = (repo / "schemas" / "plan.schema.json").as_uri()
    assert all(schema in json.dumps(d.get("data", {})) for d in on_format), on_format
