"""The real yaml-language-server (what VS Code's YAML extension runs) reads our schemas: a diagnostic and a completion.

Installed from npm in the set-up (node is on the machine), driven over stdio with LSP's JSON-RPC, once
through the modeline `reunify new` writes and once through the VS Code settings the README shows.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("node and npm are needed to install yaml-language-server")
    prefix = tmp_path_factory.mktemp("yls")
    subprocess.run(["npm", "install", "--prefix", str(prefix), "yaml-language-server@1", "--no-audit", "--no-fund",
                    "--loglevel=error"], check=True, capture_output=True, timeout=300)
    return ["node", str(prefix / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"), "--stdio"]


class Lsp:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        self.settings = settings
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        ready = self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {},
                                            "workspaceFolders": [{"uri": root.as_uri(), "name": "cases"}]})
        assert "completionProvider" in ready["capabilities"]
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length is None:
                return
            self.inbox.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        mine = self.next_id
        self._send({"id": mine, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == mine and "method" not in m)["result"]

    def wait(self, wanted: Any, timeout: float = 60) -> dict[str, Any]:
        """The next message `wanted` accepts, answering the server's own requests on the way."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                break
            if "id" in message and "method" in message:  # a request from the server
                result = ([self.settings.get(item.get("section", ""), None) for item in message["params"]["items"]]
                          if message["method"] == "workspace/configuration" else None)
                self._send({"id": message["id"], "result": result})
            elif wanted(message):
                return message
        raise TimeoutError("yaml-language-server did not answer")

    def diagnostics(self, path: Path, text: str) -> list[dict[str, Any]]:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "yaml", "version": 1,
                                                              "text": text}})
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == path.as_uri() and m["params"]["diagnostics"])
        return found["params"]["diagnostics"]

    def completion(self, path: Path, text: str, line: int, character: int) -> list[str]:
        self.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2},
                                               "contentChanges": [{"text": text}]})
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()},
                                                          "position": {"line": line, "character": character}})
        return [item["label"] for item in (result["items"] if isinstance(result, dict) else result)]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


BASE = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}


def test_the_modeline_of_a_new_case_gives_diagnostics_and_completion(server: list[str], tmp_path: Path) -> None:
    (tmp_path / "reunify.toml").write_text("")  # the case repository's root: `new` puts schemas/ there
    assert run_cli("new", str(tmp_path / "cases" / "ann"), "--reference", "R-1", "--child-name", "Ann Lee").returncode == 0
    path = tmp_path / "cases" / "ann" / "case.yaml"
    text = path.read_text().replace("legal_status: other", "legal_status: interim-care")
    lsp = Lsp(server, tmp_path, {"yaml": BASE})
    try:
        [problem] = lsp.diagnostics(path, text)
        assert problem["range"]["start"]["line"] == text.splitlines().index("legal_status: interim-care")
        assert "interim-care-order" in problem["message"]
        typed = text + "\nplac"
        labels = lsp.completion(path, typed, len(typed.splitlines()) - 1, 4)
        assert {"placement", "team", "trusted_adult", "meetings"} <= set(labels)
    finally:
        lsp.close()


def test_the_readme_settings_map_the_schemas_to_the_files(server: list[str], tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    settings = json.loads(re.search(r'```json\n(\{\n  "yaml.schemas".*?)```', readme, re.S).group(1))
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    case = tmp_path / "cases" / "mia"
    case.mkdir(parents=True)
    path = case / "genogram.yaml"  # no modeline: only the settings say which schema applies
    text = "people:\n  - id: mia\n    name: Mia Carter\n    sex: femal\n"
    lsp = Lsp(server, tmp_path, {"yaml": {**BASE, "schemas": settings["yaml.schemas"]}})
    try:
        [problem] = lsp.diagnostics(path, text)
        assert problem["range"]["start"]["line"] == 3 and "female" in problem["message"]
        typed = text + "    hou"
        assert "household" in lsp.completion(path, typed, 4, 7)
    finally:
        lsp.close()
