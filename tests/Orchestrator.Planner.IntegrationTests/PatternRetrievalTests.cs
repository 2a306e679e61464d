extern alias planner;

using JasperFx;
using Weasel.Core;
using Marten;
using Orchestrator.Testing;
using planner::Orchestrator.Planner;
using planner::Orchestrator.Planner.Patterns;
using planner::Orchestrator.Planner.Plans;
using Xunit.Abstractions;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// Retrieval from the gallery on a real PostgreSQL, measured on a labelled set: a gallery of proven plans from different kinds of
/// work, and requests worded differently from the plans, each labelled with the pattern a person would pick for it.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PatternRetrievalTests(InfrastructureFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private DocumentStore _store = null!;

    /// <summary>The gallery: a key, the plan's request, and its tasks' titles and objectives.</summary>
    public static readonly IReadOnlyList<(string Key, string Request, (string Title, string Objective)[] Tasks)> Gallery =
    [
        ("cart", "Add a shopping cart and checkout to my online shop", [
            ("Research cart and checkout options", "Compare hosted checkout pages and an in-house cart for the shop's products."),
            ("Design the cart", "Decide with the person how items are added, how quantities change and how the cart survives a reload."),
            ("Implement cart and checkout", "Build the cart, the order summary and the payment step with the chosen payment provider."),
            ("Write checkout tests", "Test adding products, changing quantities, totals with tax and a failed payment.")]),
        ("auth", "Add user authentication with login, sign-up and password reset to my web app", [
            ("Research authentication options", "Compare sessions, JWT and an identity provider with OAuth for the web app."),
            ("Design the login flow", "Decide the sign-up, login, logout and password reset flows and how accounts are stored."),
            ("Implement authentication", "Build login, sign-up, password hashing and password reset emails."),
            ("Test authentication", "Test wrong passwords, locked accounts, expired reset links and session expiry.")]),
        ("blog", "Build a blog with posts, tags and comments for my company website", [
            ("Design the blog's content model", "Decide posts, authors, tags, comments and moderation."),
            ("Implement posts and tags", "Build writing, editing and publishing posts with tags and an RSS feed."),
            ("Implement comments", "Build comments with moderation and spam filtering.")]),
        ("ci", "Set up a CI pipeline that builds, tests and deploys my service on every push", [
            ("Choose the CI system", "Compare GitHub Actions, GitLab CI and Jenkins for building and deploying the service."),
            ("Write the build and test workflow", "Build the service, run unit tests and cache dependencies on every push and pull request."),
            ("Add deployment", "Deploy to staging on merge and to production on a tagged release, with a rollback step.")]),
        ("migration", "Migrate my application's database from MySQL to PostgreSQL without downtime", [
            ("Inventory the schema", "List tables, types, indexes and stored procedures that differ between MySQL and PostgreSQL."),
            ("Plan the migration", "Decide dual writes, backfill and the cut-over with the person."),
            ("Run the data migration", "Copy the data, verify row counts and checksums, and switch reads to PostgreSQL.")]),
        ("ratelimit", "Add rate limiting to my public REST API", [
            ("Choose a rate limiting algorithm", "Compare token bucket, fixed window and sliding window limits per API key."),
            ("Implement the limiter", "Limit requests per API key with Redis and answer 429 with Retry-After headers."),
            ("Load test the API limits", "Verify the limits hold under concurrent clients.")]),
        ("push", "Send push notifications from my mobile app backend", [
            ("Research push services", "Compare Firebase Cloud Messaging and Apple Push Notification service for iOS and Android."),
            ("Implement device registration", "Store device tokens per user and remove stale tokens."),
            ("Implement sending notifications", "Send notifications with retries, quiet hours and per-user preferences.")]),
        ("dashboard", "Build an analytics dashboard with charts of sales and revenue", [
            ("Define the metrics", "Decide with the person which sales, revenue and conversion metrics the dashboard shows."),
            ("Build the data queries", "Aggregate orders into daily revenue and sales per product."),
            ("Build the charts", "Show line and bar charts with date filters and CSV export.")]),
        ("chat", "Add real-time chat messaging between users of my app", [
            ("Choose the transport", "Compare WebSockets, server-sent events and a hosted chat service."),
            ("Design conversations and messages", "Decide rooms, direct messages, read receipts and message history."),
            ("Implement real-time messaging", "Deliver messages instantly with typing indicators and offline delivery.")]),
        ("search", "Add full-text search over the products in my catalogue", [
            ("Choose a search engine", "Compare PostgreSQL full-text search, Elasticsearch and Meilisearch for the catalogue."),
            ("Index the products", "Index product names, descriptions and categories and keep the index up to date."),
            ("Build the search page", "Search with filters, typo tolerance, highlighting and sorting by relevance.")]),
        ("billing", "Add subscription billing with monthly and yearly plans to my SaaS", [
            ("Choose a billing provider", "Compare Stripe Billing, Paddle and Chargebee for recurring subscriptions."),
            ("Design plans and trials", "Decide the plans, prices, free trial, upgrades and downgrades with the person."),
            ("Implement subscriptions", "Handle invoices, failed payments, dunning and cancellations through webhooks.")]),
        ("i18n", "Translate my web app into French, German and Spanish", [
            ("Extract the strings", "Move every user-facing string into translation files."),
            ("Set up localization", "Add locale detection, a language switcher and date and number formats per locale."),
            ("Translate and review", "Translate the strings and have each language reviewed.")]),
        ("docs", "Write documentation for my open-source library", [
            ("Outline the documentation", "Plan a getting-started guide, tutorials, an API reference and a FAQ."),
            ("Write the getting-started guide", "Explain installation and a first working example."),
            ("Generate the API reference", "Generate reference pages from the code comments and publish the docs site.")]),
        ("ml", "Train a machine learning model to predict customer churn", [
            ("Prepare the training data", "Collect customer activity features and label churned customers."),
            ("Train and evaluate models", "Train gradient boosting and logistic regression and compare precision and recall."),
            ("Deploy the model", "Serve churn predictions through an API and monitor drift.")]),
        ("onboarding", "Create an email onboarding campaign for new customers", [
            ("Plan the email sequence", "Decide the welcome, activation and follow-up emails and their timing."),
            ("Write the emails", "Write subject lines and copy for each onboarding email."),
            ("Set up the automation", "Trigger the sequence on sign-up in the email marketing tool and track open rates.")]),
        ("upload", "Let users upload images and files to my app", [
            ("Choose file storage", "Compare S3, Azure Blob Storage and local disk for uploaded files."),
            ("Implement uploads", "Upload with progress, size limits, virus scanning and image thumbnails."),
            ("Serve files securely", "Serve files through signed URLs with access checks.")]),
    ];

    /// <summary>Requests worded as people write them, each with the pattern a person would pick.</summary>
    public static readonly IReadOnlyList<(string Request, string Expected)> Labelled =
    [
        ("Let customers put products in a cart and pay at checkout", "cart"),
        ("My store needs a basket and a payment step for orders", "cart"),
        ("Users should be able to sign up, log in and reset a forgotten password", "auth"),
        ("Add OAuth login with Google to the web app and keep sessions", "auth"),
        ("Start a company blog where we publish posts and readers comment", "blog"),
        ("Automatically build and run the tests on each pull request, then deploy to staging", "ci"),
        ("Create a GitHub Actions workflow to deploy the service", "ci"),
        ("Move our data from MySQL to Postgres", "migration"),
        ("Switch the database to PostgreSQL with a zero-downtime cut-over", "migration"),
        ("Throttle clients of our API so that one key cannot send too many requests", "ratelimit"),
        ("Return 429 when an API client exceeds its request limit", "ratelimit"),
        ("Notify Android and iOS users on their phones when something happens", "push"),
        ("Show revenue and sales charts to the management team", "dashboard"),
        ("A dashboard of daily orders and conversion metrics", "dashboard"),
        ("Users want to send each other messages in real time", "chat"),
        ("Let shoppers search the catalogue by product name with typo tolerance", "search"),
        ("Charge customers a monthly subscription with a free trial", "billing"),
        ("Handle recurring payments and invoices with Stripe", "billing"),
        ("Localize the interface for German and Spanish speakers", "i18n"),
        ("Support multiple languages in the app with a language switcher", "i18n"),
        ("Write a getting-started guide and API reference for the library", "docs"),
        ("Predict which customers will churn next month", "ml"),
        ("Send a welcome email series to new sign-ups", "onboarding"),
        ("Allow users to attach files and upload profile images", "upload"),
    ];

    public async Task InitializeAsync()
    {
        var connection = await fixture.Infrastructure.CreateDatabaseAsync("patterns");
        _store = DocumentStore.For(options =>
        {
            options.Connection(connection);
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.DatabaseSchemaName = PlannerModule.Schema;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            PlannerModule.ConfigurePlanner(options);
        });
        await using var session = _store.LightweightSession();
        foreach (var (key, request, tasks) in Gallery)
        {
            var id = Guid.CreateVersion7();
            var tree = tasks.Select((t, i) => new PatternTask(Guid.CreateVersion7(), null, t.Title, t.Objective, TaskMode.Autonomous, [], [], i)).ToList();
            session.Events.StartStream<Pattern>(id, new PatternSaved(id, Guid.CreateVersion7(), key, request, tree, PatternOrigin.Proven, DateTimeOffset.UtcNow));
        }

        await session.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task The_pattern_a_person_would_pick_is_among_the_first_three_for_nearly_every_labelled_request()
    {
        await using var session = _store.QuerySession();
        var top1 = 0;
        var top3 = 0;
        foreach (var (request, expected) in Labelled)
        {
            var found = await PatternSearch.FindAsync(session, request, 3, CancellationToken.None);
            var titles = found.Select(p => p.Title).ToList();
            top1 += titles.FirstOrDefault() == expected ? 1 : 0;
            top3 += titles.Contains(expected) ? 1 : 0;
            output.WriteLine($"{(titles.Contains(expected) ? "hit " : "MISS")} {expected,-10} ← {request}  [{string.Join(", ", titles)}]");
        }

        var precision3 = (double)top3 / Labelled.Count;
        output.WriteLine($"Retrieval on {Labelled.Count} labelled requests, {Gallery.Count} patterns: right pattern first {top1}/{Labelled.Count}, in the top 3 {top3}/{Labelled.Count} ({precision3:P0}).");
        Assert.True(Labelled.Count >= 20);
        Assert.True(precision3 >= 0.9, $"Only {top3} of {Labelled.Count} requests found their pattern in the top 3.");
    }

    [Theory]
    [InlineData("Plan a team offsite for twenty people")]
    [InlineData("Add a weekly newsletter to my site")]
    [InlineData("Tune the garbage collector of a Java service")]
    public async Task A_request_like_no_pattern_gets_none_rather_than_a_misleading_example(string request)
    {
        await using var session = _store.QuerySession();
        var found = await PatternSearch.FindAsync(session, request, 3, CancellationToken.None);
        Assert.True(found.Count == 0, $"'{request}' found {string.Join(", ", found.Select(p => p.Title))}");
    }

    [Fact]
    public async Task A_request_without_searchable_words_or_a_removed_pattern_is_never_returned()
    {
        await using var session = _store.LightweightSession();
        Assert.Empty(await PatternSearch.FindAsync(session, " ?! — ", 3, CancellationToken.None));
        // Query syntax in a request is only words: it finds what its words find, and drops nothing.
        var injected = await PatternSearch.FindAsync(session, "'); drop table mt_doc_pattern; -- :* & !", 3, CancellationToken.None);
        var words = await PatternSearch.FindAsync(session, "drop table mt doc pattern", 3, CancellationToken.None);
        Assert.Equal(words.Select(p => p.Id), injected.Select(p => p.Id));

        Assert.Equal(Gallery.Count, await session.Query<Pattern>().CountAsync());
        var cart = (await PatternSearch.FindAsync(session, "shopping cart checkout", 1, CancellationToken.None)).Single();
        Assert.Equal("cart", cart.Title);
        session.Events.Append(cart.Id, new PatternRemoved(cart.Id, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        Assert.DoesNotContain(await PatternSearch.FindAsync(session, "shopping cart checkout", 3, CancellationToken.None), p => p.Id == cart.Id);

        await using var query = _store.QuerySession();
        Assert.NotNull(await query.LoadAsync<Pattern>(cart.Id));
    }
}
