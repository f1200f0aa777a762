using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;

namespace OverdueSmsPortal.Infrastructure.Segments;

/// <summary>
/// Turns a segment's rules into a query over customers: the stage becomes a due-date range and every
/// other rule a filter on an indexed column, so counting a segment stays fast at a million customers.
/// </summary>
public static class SegmentMembers
{
    public static IQueryable<Customer> Members(IQueryable<Customer> customers, SegmentRules rules, StageDefinition stage, DateOnly today)
    {
        var (from, to) = stage.DueDateRange(today);
        if (from is { } earliest)
        {
            customers = customers.Where(c => c.DueDate >= earliest);
        }
        if (to is { } latest)
        {
            customers = customers.Where(c => c.DueDate <= latest);
        }
        if (rules.CustomerTypes.Count > 0)
        {
            var types = rules.CustomerTypes.ToList();
            customers = customers.Where(c => types.Contains(c.CustomerType));
        }
        if (rules.Products.Count > 0)
        {
            var products = rules.Products.ToList();
            customers = customers.Where(c => products.Contains(c.Product));
        }
        if (rules.Regions.Count > 0)
        {
            var regions = rules.Regions.ToList();
            customers = customers.Where(c => regions.Contains(c.Region));
        }
        if (rules.AmountMin is { } min)
        {
            customers = customers.Where(c => c.AmountDue >= min);
        }
        if (rules.AmountMax is { } max)
        {
            customers = customers.Where(c => c.AmountDue <= max);
        }
        return customers;
    }

    public static IQueryable<Customer> Members(IQueryable<Customer> customers, Segment segment, StageDefinition stage, DateOnly today) =>
        Members(customers, segment.Rules(), stage, today);
}
