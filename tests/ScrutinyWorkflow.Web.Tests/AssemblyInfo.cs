// Each test here starts real hosts, and WebApplicationFactory finds the host a Program builds through a
// process-wide diagnostic listener; hosts started at the same moment can be mixed up. One test at a time costs
// a few seconds and rules that out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
