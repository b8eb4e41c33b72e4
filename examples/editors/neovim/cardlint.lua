-- nvim-lint (https://github.com/mfussenegger/nvim-lint): cardlint on model card buffers.
-- Put this in your config (e.g. after/plugin/cardlint.lua). The buffer's text goes to stdin
-- and --stdin-filename picks the format and the configuration of the file's directory.
local lint = require("lint")

lint.linters.cardlint = {
  cmd = "cardlint",
  stdin = true,
  args = {
    "check", "--format", "concise", "--exit-zero",
    "--stdin-filename", function() return vim.api.nvim_buf_get_name(0) end, "-",
  },
  stream = "stdout",
  ignore_exitcode = true,
  parser = require("lint.parser").from_pattern(
    "^(.-):(%d+):(%d+): (%u+%d+) (.*)$",
    { "file", "lnum", "col", "code", "message" },
    nil,
    { source = "cardlint", severity = vim.diagnostic.severity.ERROR }
  ),
}

lint.linters_by_ft.json = { "cardlint" }
lint.linters_by_ft.yaml = { "cardlint" }

vim.api.nvim_create_autocmd({ "BufReadPost", "BufWritePost", "InsertLeave" }, {
  pattern = { "*model-card*", "*model_card*", "*modelcard*" },
  callback = function() lint.try_lint("cardlint") end,
})
