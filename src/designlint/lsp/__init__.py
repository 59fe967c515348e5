"""The language server (`designlint lsp`): the findings of `check` as you type, and the editor's
questions about a design answered from the same model.

`document` analyses one version of a text with the linter `check` uses; `symbols` joins the
source map with the reference table (which node is under the cursor, where an id is declared
and used); `features` answers hover, definition, references, completion and code actions as
plain data; `server` is the only module that imports pygls and speaks the protocol.
"""
