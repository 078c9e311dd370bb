// racompiler for VS Code: formatting through `racompiler fmt -` and diagnostics through
// `racompiler check --format json FILE` (on open and on save). No npm dependencies: only the
// `vscode` module the editor provides and Node's child_process. `racompiler lsp` offers the same
// and more (diagnostics as you type, hover, definition, completion), but talking to it needs a
// language client library (an npm dependency); see docs/editors.md.
'use strict';

const vscode = require('vscode');
const childProcess = require('child_process');
const path = require('path');

const SEVERITY = { error: 'Error', warning: 'Warning', note: 'Information', info: 'Information' };

function settings() {
  const config = vscode.workspace.getConfiguration('racompiler');
  return { command: config.get('path', 'racompiler'), checkOnSave: config.get('checkOnSave', true) };
}

/** Run racompiler with `args` (and `input` on standard input); resolves {code, stdout, stderr}. */
function run(args, input, cwd) {
  return new Promise((resolve) => {
    let child;
    try {
      child = childProcess.spawn(settings().command, args, { cwd });
    } catch (err) {
      resolve({ code: -1, stdout: '', stderr: String(err) });
      return;
    }
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => resolve({ code: -1, stdout: '', stderr: String(e) }));
    child.on('close', (code) => resolve({
      code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
    }));
    child.stdin.on('error', () => {}); // a command that exits early closes its input: not our error
    child.stdin.end(input === undefined ? '' : input, 'utf8');
  });
}

/** The whole-document edit that `racompiler fmt -` asks for (none when the text is unchanged or
 * does not parse: formatting never replaces a buffer with an error message). */
async function formatDocument(document) {
  const text = document.getText();
  const result = await run(['fmt', '-'], text, path.dirname(document.uri.fsPath));
  if (result.code !== 0) {
    const first = result.stderr.split('\n').find((l) => l.trim()) || `exit status ${result.code}`;
    vscode.window.setStatusBarMessage(`racompiler fmt: not formatted: ${first}`, 8000);
    return [];
  }
  if (result.stdout === text) {
    return [];
  }
  const all = new vscode.Range(document.positionAt(0), document.positionAt(text.length));
  return [vscode.TextEdit.replace(all, result.stdout)];
}

/** VS Code diagnostics for `file` from `racompiler check --format json` output. Problems found in
 * other files (an imported module) are shown on the first line, naming where they are. */
function toDiagnostics(json, file, cwd) {
  let doc;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    return null;
  }
  return (doc.diagnostics || []).map((d) => {
    const s = d.span;
    const here = path.resolve(cwd, s.file) === path.resolve(file);
    const range = here
      ? new vscode.Range(s.line - 1, s.column - 1, s.end_line - 1, Math.max(s.end_column - 1, s.column))
      : new vscode.Range(0, 0, 0, 0);
    const where = here ? '' : ` (${s.file}:${s.line}:${s.column})`;
    const hint = d.hint ? `\nhint: ${d.hint}` : '';
    const diag = new vscode.Diagnostic(range, d.message + where + hint,
      vscode.DiagnosticSeverity[SEVERITY[d.severity] || 'Error']);
    diag.code = d.code;
    diag.source = 'racompiler';
    return diag;
  });
}

async function checkDocument(document, collection) {
  if (document.languageId !== 'ra' || document.uri.scheme !== 'file' || !settings().checkOnSave) {
    return;
  }
  const file = document.uri.fsPath;
  const cwd = path.dirname(file);
  const result = await run(['check', '--format', 'json', file], undefined, cwd);
  const diagnostics = toDiagnostics(result.stdout, file, cwd);
  if (diagnostics === null) {
    vscode.window.setStatusBarMessage(`racompiler check did not run: ${result.stderr.trim()}`, 8000);
    return;
  }
  collection.set(document.uri, diagnostics);
}

function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection('racompiler');
  context.subscriptions.push(
    collection,
    vscode.languages.registerDocumentFormattingEditProvider('ra', { provideDocumentFormattingEdits: formatDocument }),
    vscode.workspace.onDidOpenTextDocument((d) => checkDocument(d, collection)),
    vscode.workspace.onDidSaveTextDocument((d) => checkDocument(d, collection)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
  );
  return Promise.all(vscode.workspace.textDocuments.map((d) => checkDocument(d, collection)));
}

function deactivate() {}

module.exports = { activate, deactivate, formatDocument, toDiagnostics };
