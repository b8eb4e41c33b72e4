-- Neovim: run `cardlint lsp` on model card files (JSON and YAML).
-- Put this in init.lua, or in after/plugin/cardlint.lua. Needs Neovim 0.8 or newer.
-- The server itself only lints card files (names like *model-card*.yaml, or the `include`
-- patterns of your cardlint configuration); the name check below just avoids starting it
-- for every JSON file.

local root_markers = { ".cardlint.toml", "cardlint.toml", "pyproject.toml", ".git" }

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "json", "yaml" },
  callback = function(args)
    local path = vim.api.nvim_buf_get_name(args.buf)
    local name = vim.fs.basename(path):lower()
    if not name:find("model[_%-]?card") then
      return
    end
    local marker = vim.fs.find(root_markers, { upward = true, path = vim.fs.dirname(path) })[1]
    vim.lsp.start({
      name = "cardlint",
      cmd = { "cardlint", "lsp" },
      root_dir = marker and vim.fs.dirname(marker) or vim.fs.dirname(path),
    })
  end,
})

-- Optional (Neovim 0.10+): apply every safe fix before writing, synchronously, so the fixed
-- text is what gets saved.
vim.api.nvim_create_autocmd("BufWritePre", {
  callback = function(args)
    for _, client in ipairs(vim.lsp.get_clients({ bufnr = args.buf, name = "cardlint" })) do
      local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
      params.context = { only = { "source.fixAll.cardlint" }, diagnostics = {} }
      local reply = client.request_sync("textDocument/codeAction", params, 2000, args.buf)
      for _, action in ipairs(reply and reply.result or {}) do
        if action.edit then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        end
      end
    end
  end,
})

-- With nvim-lspconfig or Neovim 0.11's vim.lsp.config, the same server is:
--   vim.lsp.config("cardlint", { cmd = { "cardlint", "lsp" }, filetypes = { "json", "yaml" },
--                                root_markers = root_markers })
--   vim.lsp.enable("cardlint")
