// Runs grammar/vscode/extension.js against the stand-in `vscode` module (NODE_PATH=tests/vscode):
//   node run_extension.js EXTENSION RACOMPILER FILE...
// For each FILE: the formatting edits, then the diagnostics after a save. Prints one JSON document.
'use strict';
const vscode = require('vscode');

async function main() {
  const [extensionPath, command, ...files] = process.argv.slice(2);
  vscode._state.config.path = command; // getConfiguration('racompiler').get('path')
  const ext = require(extensionPath);
  const context = { subscriptions: [] };
  await ext.activate(context);
  const out = { selector: vscode._state.selector, subscriptions: context.subscriptions.length, files: {} };
  for (const file of files) {
    const doc = vscode._openDocument(file);
    const edits = await vscode._state.formatter.provideDocumentFormattingEdits(doc);
    await Promise.all(vscode._state.listeners.save.map((f) => f(doc)));
    const diagnostics = vscode._state.collections[0].items.get(file) || [];
    out.files[file] = { edits, diagnostics };
  }
  out.status = vscode._state.status;
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { process.stderr.write(String(e.stack || e)); process.exit(1); });
