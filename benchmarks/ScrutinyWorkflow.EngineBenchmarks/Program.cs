using ScrutinyWorkflow.EngineBenchmarks;

// The embedded engine under load, on this machine, in one run (so ratios compare like with like on a busy machine).
//
//   dotnet run -c Release --project benchmarks/ScrutinyWorkflow.EngineBenchmarks -- engine [listing|throughput|load]   (the engine, in process)
//   dotnet run -c Release --project benchmarks/ScrutinyWorkflow.EngineBenchmarks -- load     (officers at the real form)
//
// Everything is on loopback and in a temporary folder that is deleted at the end; each phase has a time limit.

#if DEBUG
Console.WriteLine("Warning: a Debug build; run with -c Release for figures worth reporting.");
#endif
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} processors, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
return args.FirstOrDefault() switch
{
    "engine" => await EngineBenchmark.RunAsync(args.ElementAtOrDefault(1)),
    "load" => await LoadTest.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Say which: engine (commands/s against raw SQLite, load and list times, memory) or load (300 officers at the form).");
    return 2;
}
