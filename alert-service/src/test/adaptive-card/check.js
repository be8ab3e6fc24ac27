// Reads a Teams Workflows message on stdin, parses its Adaptive Card with Microsoft's
// adaptivecards package, and exits 1 listing every parse or validation event (0 if none).
const AdaptiveCards = require("adaptivecards/dist/adaptivecards.js");

const message = JSON.parse(require("fs").readFileSync(0, "utf8"));
const card = new AdaptiveCards.AdaptiveCard();
const context = new AdaptiveCards.SerializationContext();
card.parse(message.attachments[0].content, context);
const events = [];
for (let i = 0; i < context.eventCount; i++) {
  events.push(context.getEventAt(i));
}
for (const event of card.validateProperties().validationEvents) {
  events.push(event);
}
console.log(JSON.stringify({ version: card.version ? card.version.toString() : null, items: card.getItemCount(), events }));
process.exit(events.length === 0 ? 0 : 1);
