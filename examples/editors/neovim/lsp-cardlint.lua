-- Neovim: run `cardlint lsp` for the JSON and YAML buffers of a project.
-- Put this in init.lua, or in ~/.config/nvim/plugin/cardlint.lua. Works on Neovim 0.7 or newer
-- (tests/test_neovim.py runs it, exactly as it is, on Debian 12's 0.7.2 and on 0.11); on an
-- older Neovim it says so once and does nothing else: use ../vim/cardlint.vim (:make) there.
--
-- The server decides which files are model cards: names like *model-card*.yaml, or the
-- `include` patterns of the cardlint configuration of the file's directory. It stays silent on
-- every other JSON or YAML file, so this starts it for all of them inside a project (a
-- directory with one of `root_markers`), and outside a project only for card-like names.

local root_markers = { ".cardlint.toml", "cardlint.toml", "pyproject.toml", ".git" }
local fix_on_save = true -- apply every safe fix before writing (the text saved is fixed)

if vim.fn.has("nvim-0.7") == 0 then
  vim.api.nvim_echo({ { "cardlint: this set-up needs Neovim 0.7 or newer; use vim/cardlint.vim (:make)" } }, true, {})
  return
end

local uv = vim.uv or vim.loop

-- The nearest directory above `path` that holds a root marker; nil outside any project.
local function project_root(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while true do
    for _, marker in ipairs(root_markers) do
      if uv.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

-- Before writing, ask the server for its fix-all action and apply it (a buffer the server does
-- not lint as a card gets no action, so nothing changes).
local function fix_before_write(client, bufnr)
  vim.api.nvim_create_autocmd("BufWritePre", {
    group = vim.api.nvim_create_augroup("cardlint_fix_" .. bufnr, { clear = true }),
    buffer = bufnr,
    callback = function()
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(bufnr) },
        range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } },
        context = { only = { "source.fixAll.cardlint" }, diagnostics = {} },
      }
      local reply
      if vim.fn.has("nvim-0.11") == 1 then -- methods are called with ':' from 0.11 on
        reply = client:request_sync("textDocument/codeAction", params, 2000, bufnr)
      else
        reply = client.request_sync("textDocument/codeAction", params, 2000, bufnr)
      end
      for _, action in ipairs(reply and reply.result or {}) do
        if action.edit then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        end
      end
    end,
  })
end

local started = {} -- root directory -> client id (Neovim 0.7 has no vim.lsp.start)

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "json", "yaml" },
  callback = function(args)
    local path = vim.api.nvim_buf_get_name(args.buf)
    if path == "" or vim.bo[args.buf].buftype ~= "" then
      return
    end
    local root = project_root(path)
    if not root then
      local name = vim.fn.fnamemodify(path, ":t"):lower()
      if not name:find("model[_%-]?card") then
        return
      end
      root = vim.fn.fnamemodify(path, ":p:h")
    end
    local config = {
      name = "cardlint",
      cmd = { "cardlint", "lsp" },
      root_dir = root,
      on_attach = function(client, bufnr)
        if fix_on_save then
          fix_before_write(client, bufnr)
        end
      end,
    }
    if vim.lsp.start then -- Neovim 0.8+: reuses the client of the same name and root
      vim.lsp.start(config)
      return
    end
    local id = started[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client(config)
      started[root] = id
    end
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})

-- With Neovim 0.11's vim.lsp.config (or nvim-lspconfig), the same server is:
--   vim.lsp.config("cardlint", { cmd = { "cardlint", "lsp" }, filetypes = { "json", "yaml" },
--                                root_markers = root_markers })
--   vim.lsp.enable("cardlint")
