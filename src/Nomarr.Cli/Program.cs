using Nomarr.Cli.Commands;

return await NomarrCommandLine.Build().Parse(args).InvokeAsync();
