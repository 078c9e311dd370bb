// A stand-in for the `vscode` module, enough to run grammar/vscode/extension.js under Node in
// tests/test_vscode_extension.py: it records what the extension registers, sets and shows.
'use strict';
const fs = require('fs');

const state = { config: {}, formatter: null, selector: null, listeners: { open: [], save: [], close: [] },
  collections: [], status: [] };

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
}

class Range {
  constructor(a, b, c, d) {
    if (a instanceof Position) { this.start = a; this.end = b; } else {
      this.start = new Position(a, b); this.end = new Position(c, d);
    }
  }
}

class Diagnostic {
  constructor(range, message, severity) { this.range = range; this.message = message; this.severity = severity; }
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
const TextEdit = { replace: (range, newText) => ({ range, newText }) };
const disposable = { dispose() {} };

const workspace = {
  textDocuments: [],
  getConfiguration: () => ({ get: (key, fallback) => (key in state.config ? state.config[key] : fallback) }),
  onDidOpenTextDocument: (f) => { state.listeners.open.push(f); return disposable; },
  onDidSaveTextDocument: (f) => { state.listeners.save.push(f); return disposable; },
  onDidCloseTextDocument: (f) => { state.listeners.close.push(f); return disposable; },
};

const languages = {
  createDiagnosticCollection: (name) => {
    const items = new Map();
    const c = { name, items, set: (uri, d) => items.set(uri.fsPath, d), delete: (uri) => items.delete(uri.fsPath),
      dispose() {} };
    state.collections.push(c);
    return c;
  },
  registerDocumentFormattingEditProvider: (selector, provider) => {
    state.selector = selector; state.formatter = provider; return disposable;
  },
};

const window = { setStatusBarMessage: (m) => { state.status.push(m); return disposable; } };

/** A text document read from `file`, as VS Code would hand it to the extension. */
function openDocument(file, languageId = 'ra') {
  const text = fs.readFileSync(file, 'utf8');
  return {
    languageId,
    uri: { fsPath: file, scheme: 'file' },
    getText: () => text,
    positionAt: (offset) => {
      const before = text.slice(0, offset).split('\n');
      return new Position(before.length - 1, before[before.length - 1].length);
    },
  };
}

module.exports = { Position, Range, Diagnostic, DiagnosticSeverity, TextEdit, workspace, languages, window,
  _state: state, _openDocument: openDocument };
