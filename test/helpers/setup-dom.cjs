// Every waitFor/findBy in a jsdom suite waits up to 30 s for its condition (not testing-library's 1 s default): the
// wait ends as soon as the DOM shows what it waits for, so a loaded machine (a second test run beside this one) makes
// a test slower, never red.
if (typeof document !== "undefined") require("@testing-library/dom").configure({ asyncUtilTimeout: 30_000 });
