package example;

import io.netsec.core.Detector;
import io.netsec.core.Prediction;
import java.nio.file.Path;
import java.util.Map;

/** Scores one web site's features with a model bundle: `java example.ScoreSite final_model`. */
public final class ScoreSite {

    public static void main(String[] args) {
        Detector detector = Detector.load(Path.of(args.length > 0 ? args[0] : "final_model"));
        Map<String, Object> site = Map.ofEntries(
                Map.entry("having_IP_Address", -1), Map.entry("URL_Length", 1), Map.entry("Shortining_Service", 1),
                Map.entry("having_At_Symbol", 1), Map.entry("double_slash_redirecting", -1), Map.entry("Prefix_Suffix", -1),
                Map.entry("having_Sub_Domain", -1), Map.entry("SSLfinal_State", -1), Map.entry("Domain_registeration_length", -1),
                Map.entry("Favicon", 1), Map.entry("port_no", 1), Map.entry("HTTPS_token", -1), Map.entry("Request_URL", 1),
                Map.entry("URL_of_Anchor", -1), Map.entry("Links_in_tags", 1), Map.entry("SFH", -1),
                Map.entry("Submitting_to_email", -1), Map.entry("Abnormal_URL", -1), Map.entry("Redirect", 0),
                Map.entry("on_mouseover", 1), Map.entry("RightClick", 1), Map.entry("popUpWidnow", 1), Map.entry("Iframe", 1),
                Map.entry("age_of_domain", -1), Map.entry("DNSRecord", -1), Map.entry("web_traffic", -1),
                Map.entry("Page_Rank", -1), Map.entry("Google_Index", 1), Map.entry("Links_pointing_to_page", 1),
                Map.entry("Statistical_report", -1));
        Prediction prediction = detector.score(site);
        System.out.printf("label %s, threat probability %.4f, threat %b%n",
                prediction.label(), prediction.probability(), prediction.threat());
    }
}
