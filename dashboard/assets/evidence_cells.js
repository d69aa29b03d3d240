// The evidence grid's cells that are more than text (dashboard/evidence.py). Every piece
// of document text is a React text child, so it is shown as text, never read as markup.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
    window.dashAgGridComponentFunctions || {});

// The sentence with its number in bold: data.sentence_parts is [before, number, after].
dagcomponentfuncs.EvidenceSentence = function (props) {
    const parts = (props.data && props.data.sentence_parts) || [props.value || "", "", ""];
    return React.createElement("span", {className: "evidence-sentence"}, parts[0],
        parts[1] ? React.createElement("strong", null, parts[1]) : null, parts[2]);
};

// The document's title, a link only when the server gave a safe http(s) url for it.
dagcomponentfuncs.EvidenceSource = function (props) {
    const data = props.data || {};
    if (!data.source_url) {
        return React.createElement("span", null, data.source_title || "");
    }
    return React.createElement("a", {href: data.source_url, target: "_blank",
        rel: "noopener noreferrer"}, data.source_title || "source");
};
