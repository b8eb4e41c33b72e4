-- Drives a real Neovim (headless) that loaded examples/editors/neovim/lsp-cardlint.lua as its
-- init file, as a person would: open files, wait for diagnostics, apply the preferred quick
-- fix, hover, write. What it saw goes to $CARDLINT_OUT as JSON; tests/test_neovim.py asserts.
-- Written for every Neovim the example claims (0.7 and newer): only APIs that 0.7 has.

local out = {}
local TIMEOUT = 60000

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function client_of(bufnr)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr })
    or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do
    if client.name == "cardlint" then
      return client
    end
  end
end

local function diagnostics_of(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, { lnum = d.lnum, col = d.col, code = code_of(d), severity = d.severity })
  end
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return found
end

local function finish()
  out.messages = vim.fn.execute("messages")
  out.errmsg = vim.v.errmsg
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv("CARDLINT_OUT"))
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  -- A JSON file the configuration does not include, then the card (`include = ["*.yaml"]`).
  -- The server answers in order: once the card's diagnostics are here, any for package.json
  -- would have come first.
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("CARDLINT_OTHER")))
  local other = vim.api.nvim_get_current_buf()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("CARDLINT_CARD")))
  local card = vim.api.nvim_get_current_buf()
  out.waited = vim.wait(TIMEOUT, function()
    return #vim.diagnostic.get(card) > 0
  end, 20)
  out.card = diagnostics_of(card)
  out.other = diagnostics_of(other)
  out.other_attached = client_of(other) ~= nil
  local client = client_of(card)
  out.encoding = client and client.offset_encoding

  -- The preferred quick fix of the first diagnostic, with the cursor on it.
  local first = vim.diagnostic.get(card)[1]
  for _, d in ipairs(vim.diagnostic.get(card)) do
    if d.lnum < first.lnum or (d.lnum == first.lnum and d.col < first.col) then
      first = d
    end
  end
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = {}, only = { "quickfix" } }
  local replies = vim.lsp.buf_request_sync(card, "textDocument/codeAction", params, TIMEOUT)
  out.actions = {}
  for _, reply in pairs(replies or {}) do
    for _, action in ipairs(reply.result or {}) do
      table.insert(out.actions, action.title)
      if action.isPreferred then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      end
    end
  end
  out.after_quickfix = vim.api.nvim_buf_get_lines(card, 0, -1, false)

  -- Hover on the key the cursor is on.
  local row = tonumber(os.getenv("CARDLINT_HOVER_LINE"))
  local col = tonumber(os.getenv("CARDLINT_HOVER_BYTE"))
  vim.api.nvim_win_set_cursor(0, { row, col })
  local hover = vim.lsp.buf_request_sync(
    card,
    "textDocument/hover",
    vim.lsp.util.make_position_params(0, client.offset_encoding),
    TIMEOUT
  )
  for _, reply in pairs(hover or {}) do
    if reply.result then
      out.hover = reply.result.contents.value
    end
  end

  -- :write runs the example's fix-on-save (every safe fix) before the text is written.
  vim.cmd("write")
end)
out.ok = ok
out.error = err and tostring(err)
finish()
