using System.Globalization;
using OverdueSmsPortal.Benchmarks;

// Figures print the same on every machine: 1,234.5 whatever the locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = BenchmarkOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}
Machine.PrintLoad(Console.Out);
if (options.Scenario == "list")
{
    await CustomerListBenchmark.RunAsync(options, Console.Out);
}
else if (options.Scenario == "run")
{
    await CampaignRunBenchmark.RunAsync(options, Console.Out);
}
else if (options.Scenario == "kannel")
{
    await KannelDispatchBenchmark.RunAsync(options, Console.Out);
}
else if (options.Scenario == "studio")
{
    await StudioBenchmark.RunAsync(options, Console.Out);
}
else if (options.Scenario == "dashboard")
{
    await DashboardBenchmark.RunAsync(options, Console.Out);
}
else if (options.Scenario == "cluster")
{
    await ClusterDispatchBenchmark.RunAsync(options, Console.Out);
}
else if (options.Scenario == "preview")
{
    await TemplatePreviewBenchmark.RunAsync(options, Console.Out);
}
else
{
    await CustomerImportBenchmark.RunAsync(options, Console.Out);
}
Machine.PrintLoad(Console.Out);
return 0;
