-- lialia's language server in Neovim 0.10 or later: put this in init.lua.
-- `lialia lsp` needs the lsp extra: python3 -m pip install 'lialia[lsp]'
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "text", "rst", "html", "tex" },
  callback = function(args)
    vim.lsp.start({
      name = "lialia",
      cmd = { "lialia", "lsp" },
      -- the project root: where lialia finds its configuration and word list
      root_dir = vim.fs.root(args.buf, { ".lialia.toml", ".lialia-words.txt", ".git" }),
    })
  end,
})
